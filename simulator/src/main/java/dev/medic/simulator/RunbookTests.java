package dev.medic.simulator;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.runbook.Problem;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runbook.RunbookLoader;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs runbook tests ({@link RunbookTestFile}): each case replays its recording through the one runbook under test,
 * alone, so a runbook passes or fails on its own, and compares the plans it made with the expected ones.
 *
 * <p>A folder of runbooks is tested as a whole by {@link #runFolder}: every runbook file directly in it must have a
 * test file in its {@code tests/} folder, or it fails.
 */
public final class RunbookTests {

  /** The folder beside the runbooks that holds their tests. */
  public static final String TESTS = "tests";

  /** What a case's replay planned, in the terms of a test file. */
  public record Actual(long atMillis, int pid, List<String> decisions, String summary, String scope) {}

  /**
   * One row of a test run.
   *
   * @param name the case's name, or a parenthesised word when the row is about a file: {@code (no tests)},
   *     {@code (test file)}, {@code (runbook)}
   * @param detail why it failed, or what passed
   */
  public record Result(String runbook, String name, boolean passed, String detail) {}

  /**
   * Every row of a run, and the problems (with their positions) of the test files and runbooks that could not be
   * read.
   */
  public record Report(List<Result> results, List<Problem> problems) {

    public static final Report EMPTY = new Report(List.of(), List.of());

    public long passed() {
      return results.stream().filter(Result::passed).count();
    }

    public long failed() {
      return results.size() - passed();
    }

    public Report plus(Report other) {
      List<Result> r = new ArrayList<>(results);
      r.addAll(other.results);
      List<Problem> p = new ArrayList<>(problems);
      p.addAll(other.problems);
      return new Report(List.copyOf(r), List.copyOf(p));
    }
  }

  private final ActionRegistry actions;
  private final boolean together;

  /** Tests each runbook alone: what a runbook decides depends on nothing else. */
  public RunbookTests(ActionRegistry actions) {
    this(actions, false);
  }

  /**
   * @param together replay each case with every runbook of the folder loaded, and compare only the plans of the
   *     runbook under test. Runbooks share one rule session, where a fact type is kept as long as the longest
   *     window of any runbook needs it; this shows a runbook whose decisions change with the company it keeps.
   */
  public RunbookTests(ActionRegistry actions, boolean together) {
    this.actions = actions;
    this.together = together;
  }

  /** The runbooks directly in a folder: loaded by id, or broken with their problems. */
  private record Folder(Map<String, Path> runbooks, Map<String, String> broken, List<Problem> problems) {}

  private Folder scan(Path dir) throws IOException {
    Map<String, Path> runbooks = new TreeMap<>();
    Map<String, String> broken = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    RunbookLoader loader = new RunbookLoader(actions);
    for (Path file : yamlFiles(dir)) {
      List<Problem> found = new ArrayList<>();
      Optional<Runbook> rb = loader.load(file, found);
      if (rb.isPresent()) {
        runbooks.putIfAbsent(rb.get().id(), file);
      } else {
        problems.addAll(found);
        broken.put(stem(file), "the runbook does not load: " + first(found));
      }
    }
    return new Folder(runbooks, broken, problems);
  }

  /**
   * Tests every runbook directly in {@code dir} ({@code *.yaml}, {@code *.yml}) with the test files in
   * {@code dir/tests/}. A runbook without a test file fails, as does a test file without its runbook.
   */
  public Report runFolder(Path dir) throws IOException {
    Folder folder = scan(dir);
    List<Result> rows = new ArrayList<>();
    folder.broken().forEach((stem, why) -> rows.add(new Result(stem, "(runbook)", false, why)));
    Report report = new Report(rows, folder.problems());
    Pack pack = new Pack(folder);
    Map<String, Boolean> tested = new LinkedHashMap<>();
    folder.runbooks().keySet().forEach(id -> tested.put(id, false));
    Path tests = dir.resolve(TESTS);
    for (Path testFile : Files.isDirectory(tests) ? yamlFiles(tests) : List.<Path>of()) {
      Optional<String> id = peekRunbook(testFile);
      id.filter(tested::containsKey).ifPresent(i -> tested.put(i, true));
      if (id.filter(i -> !folder.runbooks().containsKey(i) && folder.broken().containsKey(i)).isPresent()) {
        continue; // its runbook's row already says why nothing of it can run
      }
      report = report.plus(runFile(testFile, pack));
    }
    List<Result> untested = tested.entrySet().stream().filter(e -> !e.getValue())
        .map(e -> new Result(e.getKey(), "(no tests)", false, "every runbook ships with tests: add " + TESTS + "/"
            + e.getKey() + ".yaml with at least one case"))
        .toList();
    return report.plus(new Report(untested, List.of()));
  }

  /** Runs one test file against the runbooks of the folder above its {@code tests/} folder. */
  public Report runFile(Path testFile) throws IOException {
    return runFile(testFile, new Pack(scan(testFile.toAbsolutePath().normalize().getParent().getParent())));
  }

  private Report runFile(Path testFile, Pack pack) {
    RunbookTestFile tests;
    try {
      tests = RunbookTestFile.read(testFile, actions);
    } catch (RunbookTestFile.InvalidException e) {
      String id = peekRunbook(testFile).orElse(stem(testFile));
      String detail = "invalid test file: " + first(e.problems());
      return new Report(List.of(new Result(id, "(test file)", false, detail)), e.problems());
    }
    Path runbook = pack.folder.runbooks().get(tests.runbook());
    if (runbook == null) {
      String why = pack.folder.broken().getOrDefault(tests.runbook(), testFile + ": no runbook with id '"
          + tests.runbook() + "' beside the " + TESTS + " folder");
      return new Report(List.of(new Result(tests.runbook(), "(test file)", false, why)), List.of());
    }
    if (!together) {
      return new Report(run(tests, runbook), List.of());
    }
    return new Report(pack.compiled().map(c -> runCases(tests, c))
        .orElseGet(() -> failAll(tests, "the runbooks do not load together: " + pack.failure)), List.of());
  }

  /** The folder's runbooks built into one rule base, once, when a test asks for them together. */
  private final class Pack {
    final Folder folder;
    private CompiledRunbooks compiled;
    private String failure;

    Pack(Folder folder) {
      this.folder = folder;
    }

    Optional<CompiledRunbooks> compiled() {
      if (compiled == null && failure == null) {
        try {
          compiled = CompiledRunbooks.load(List.copyOf(folder.runbooks().values()), actions);
        } catch (RunbookException e) {
          failure = first(e.problems());
        } catch (RuntimeException e) {
          failure = e.getMessage();
        }
      }
      return Optional.ofNullable(compiled);
    }
  }

  /** Replays every case of {@code tests} through the runbook in {@code runbookFile}, alone. */
  public List<Result> run(RunbookTestFile tests, Path runbookFile) {
    try {
      return runCases(tests, CompiledRunbooks.load(List.of(runbookFile), actions));
    } catch (RunbookException e) {
      return failAll(tests, "the runbook does not load: " + first(e.problems()));
    } catch (RuntimeException e) { // the generated rules do not build: an engine bug, reported as such
      return failAll(tests, "the runbook's rules do not build: " + e.getMessage());
    }
  }

  private static List<Result> runCases(RunbookTestFile tests, CompiledRunbooks compiled) {
    List<Result> out = new ArrayList<>();
    for (RunbookTestFile.Case c : tests.cases()) {
      out.add(runCase(tests.runbook(), c, compiled));
    }
    return out;
  }

  private static Result runCase(String runbook, RunbookTestFile.Case c, CompiledRunbooks compiled) {
    GateSettings config = GateSettings.defaults().with(c.mode(), c.approved());
    try {
      Replayer.Result replay = new Replayer(compiled, config).replay(c.recording());
      if (replay.damage().damaged()) { // the plans would be those of another recording: the case cannot pass
        List<String> lines = replay.damage().lines();
        return new Result(runbook, c.name(), false, "damaged recording: " + lines.get(0)
            + (replay.damage().count() > 1 ? " (" + replay.damage().count() + " problems in all)" : ""));
      }
      List<Actual> actual = actual(replay, runbook);
      Optional<String> diff = compare(c.expect(), actual);
      return new Result(runbook, c.name(), diff.isEmpty(), diff.orElse(asExpected(actual.size())));
    } catch (RecordingException e) {
      return new Result(runbook, c.name(), false, e.getMessage());
    }
  }

  private static List<Result> failAll(RunbookTestFile tests, String why) {
    return tests.cases().stream().map(c -> new Result(tests.runbook(), c.name(), false, why)).toList();
  }

  /** The plans one runbook made in a replay, with their decisions, as a test file states them. */
  public static List<Actual> actual(Replayer.Result replay, String runbook) {
    long start = replay.header().startedAt();
    Map<String, List<String>> decisions = new LinkedHashMap<>();
    List<PlanEvent> plans = new ArrayList<>();
    for (var e : replay.events()) {
      if (e instanceof DecisionEvent d && runbook.equals(d.runbook())) {
        decisions.computeIfAbsent(d.incident(), k -> new ArrayList<>()).add(d.action() + ":" + d.verdict());
      } else if (e instanceof PlanEvent p && runbook.equals(p.runbook())) {
        plans.add(p);
      }
    }
    return plans.stream()
        .map(p -> new Actual(p.ts() - start, p.pid(), List.copyOf(decisions.getOrDefault(p.incident(), List.of())),
            String.valueOf(p.summary()), String.valueOf(p.scope())))
        .toList();
  }

  /**
   * Empty when the plans are as expected; otherwise every difference, one clause each. Plans pair up first by
   * time and pid, then in order, so one plan at the wrong time reads as that, not as a missing and an extra plan.
   */
  public static Optional<String> compare(List<RunbookTestFile.Plan> expected, List<Actual> actual) {
    List<RunbookTestFile.Plan> unmatchedExpected = new ArrayList<>();
    List<Actual> unmatchedActual = new ArrayList<>(actual);
    List<String> diffs = new ArrayList<>();
    for (RunbookTestFile.Plan e : expected) {
      Optional<Actual> same = unmatchedActual.stream()
          .filter(a -> a.atMillis() == e.atMillis() && a.pid() == e.pid()).findFirst();
      if (same.isPresent()) {
        unmatchedActual.remove(same.get());
        List<String> d = contentDiff(e, same.get());
        if (!d.isEmpty()) {
          diffs.add("plan at " + offset(e.atMillis()) + " for pid " + e.pid() + ": " + String.join(", ", d));
        }
      } else {
        unmatchedExpected.add(e);
      }
    }
    int paired = Math.min(unmatchedExpected.size(), unmatchedActual.size());
    for (int i = 0; i < paired; i++) {
      RunbookTestFile.Plan e = unmatchedExpected.get(i);
      Actual a = unmatchedActual.get(i);
      String where = "plan expected at " + offset(e.atMillis()) + " for pid " + e.pid() + ": got "
          + (a.atMillis() != e.atMillis() ? "it at " + offset(a.atMillis()) : "it at the same time")
          + (a.pid() != e.pid() ? " for pid " + a.pid() : " for the same pid");
      List<String> d = contentDiff(e, a);
      diffs.add(where + (d.isEmpty() ? "" : ", and " + String.join(", ", d)));
    }
    unmatchedExpected.subList(paired, unmatchedExpected.size())
        .forEach(e -> diffs.add("missing plan " + describe(e.atMillis(), e.pid(), e.decisions())));
    unmatchedActual.subList(paired, unmatchedActual.size())
        .forEach(a -> diffs.add("unexpected plan " + describe(a.atMillis(), a.pid(), a.decisions())));
    if (diffs.isEmpty()) {
      return Optional.empty();
    }
    String counts = expected.size() == actual.size() ? "" : "expected " + plans(expected.size()) + ", got "
        + plans(actual.size()) + ": ";
    return Optional.of(counts + String.join("; ", diffs));
  }

  /** The differences in what one plan did, one clause each. */
  private static List<String> contentDiff(RunbookTestFile.Plan e, Actual a) {
    List<String> d = new ArrayList<>();
    if (!e.decisions().equals(a.decisions())) {
      d.add("decisions " + e.decisions() + " expected, got " + a.decisions());
    }
    e.summary().filter(s -> !s.equals(a.summary()))
        .ifPresent(s -> d.add("summary \"" + s + "\" expected, got \"" + a.summary() + "\""));
    e.scope().filter(s -> !s.equals(a.scope()))
        .ifPresent(s -> d.add("scope '" + s + "' expected, got '" + a.scope() + "'"));
    return d;
  }

  private static String describe(long at, int pid, List<String> decisions) {
    return "at " + offset(at) + " for pid " + pid + " " + decisions;
  }

  private static String asExpected(int plans) {
    return plans == 0 ? "no plan, as expected" : plans(plans) + " as expected";
  }

  private static String plans(int n) {
    return n == 0 ? "no plan" : n == 1 ? "1 plan" : n + " plans";
  }

  /** An offset as a test file writes it: {@code 80s}, {@code 15m}, {@code 1h}, {@code 1500ms}. */
  public static String offset(long ms) {
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** The runbook a test file names, read leniently, so even a broken file's row says which runbook it is for. */
  private static Optional<String> peekRunbook(Path testFile) {
    try (Stream<String> lines = Files.lines(testFile)) {
      return lines.filter(l -> l.startsWith("runbook:")).findFirst()
          .map(l -> l.substring("runbook:".length()).replaceAll("#.*", "").trim())
          .filter(s -> !s.isEmpty());
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** The {@code .yaml} and {@code .yml} files directly in {@code dir}, sorted; hidden files skipped. */
  static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String first(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "unknown problem";
    }
    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
    return problems.get(0) + more;
  }
}
