package dev.medic.simulator;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.gate.Mode;
import dev.medic.probes.internal.DidYouMean;
import dev.medic.engine.runbook.Position;
import dev.medic.engine.runbook.Problem;
import dev.medic.engine.runbook.YamlTree;
import dev.medic.engine.runbook.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A runbook's test file, {@code <runbooks>/tests/<id>.yaml}: the runbook it tests and its cases, each a recording
 * and the plans the runbook must make when it is replayed (none, for a case where it must stay silent).
 *
 * <pre>{@code
 * runbook: memory-hog
 * cases:
 *   - name: a container held at 95% for a minute
 *     recording: recordings/cgroup-full.jsonl   # relative to this file
 *     mode: advise                               # advise (default) or enforce
 *     approved: false                            # whether the host is approved for enforce (default false)
 *     expect:                                    # every plan, in order; [] when the runbook must stay silent
 *       - at: 80s                                # the plan's sample time minus the recording's startedAt
 *         pid: 2301
 *         decisions: [capture_identity:run, capture_pmap:run, set_oom_score_adj:proposed]
 *         summary: "..."                         # optional: the rendered summary, exactly
 *         scope: cgroup /a/b                     # optional: the plan's scope, exactly
 * }</pre>
 *
 * <p>Everything is checked when the file is read, and every problem is reported at once as
 * {@code file:line:column: message}, like {@code medic validate}.
 */
public record RunbookTestFile(Path file, String runbook, List<RunbookTestFile.Case> cases) {

  static final List<String> TOP_KEYS = List.of("runbook", "cases");
  static final List<String> CASE_KEYS = List.of("name", "recording", "mode", "approved", "expect");
  static final List<String> PLAN_KEYS = List.of("at", "pid", "decisions", "summary", "scope");
  static final List<String> VERDICTS = List.of("run", "proposed", "denied");
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  /** One case: replay {@code recording} on a host in {@code mode} and expect exactly these plans. */
  public record Case(String name, Path recording, Mode mode, boolean approved, List<Plan> expect,
      Position position) {}

  /**
   * One expected plan.
   *
   * @param atMillis the plan's sample time minus the recording header's {@code startedAt}
   * @param decisions {@code action:verdict} in the order the plan decided them
   */
  public record Plan(long atMillis, int pid, List<String> decisions, Optional<String> summary,
      Optional<String> scope) {}

  /** A test file that cannot be used; every problem, with its position. */
  public static final class InvalidException extends Exception {
    private final List<Problem> problems;

    public InvalidException(List<Problem> problems) {
      super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** Reads and checks a test file; action names are checked against {@code actions}. */
  public static RunbookTestFile read(Path file, ActionRegistry actions) throws InvalidException {
    Reading r = new Reading(file, actions);
    Optional<RunbookTestFile> read = r.parse().flatMap(r::file);
    if (!r.problems.isEmpty() || read.isEmpty()) {
      if (r.problems.isEmpty()) {
        r.problems.add(new Problem(new Position(file.toString(), 1, 1), "not a test file"));
      }
      throw new InvalidException(r.problems);
    }
    return read.get();
  }

  /** One pass over one file, collecting problems instead of stopping at the first. */
  private static final class Reading {
    final Path file;
    final ActionRegistry actions;
    final List<Problem> problems = new ArrayList<>();
    final YamlTree yaml;

    Reading(Path file, ActionRegistry actions) {
      this.file = file;
      this.actions = actions;
      this.yaml = new YamlTree(file.toString(), problems);
    }

    Optional<Node> parse() {
      return yaml.parse(file, "a test file starts with 'runbook:' and lists 'cases:'");
    }

    Optional<RunbookTestFile> file(Node root) {
      Optional<Map<String, NodeTuple>> top = mapping(root, "a test file", TOP_KEYS);
      if (top.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> runbook = required(top.get(), "runbook", root).flatMap(n -> scalar(n, "runbook"))
          .filter(id -> {
            if (!ID.matcher(id).matches()) {
              problem(top.get().get("runbook").getValueNode(), "'" + id + "' is not a runbook id");
              return false;
            }
            return true;
          });
      List<Case> cases = new ArrayList<>();
      Optional<Node> caseList = required(top.get(), "cases", root);
      caseList.ifPresent(n -> {
        List<Node> items = list(n, "'cases'");
        if (items.isEmpty() && n instanceof SequenceNode) {
          problem(n, "'cases' is empty; a runbook's tests need at least one case");
        }
        Set<String> names = new HashSet<>();
        for (Node item : items) {
          testCase(item).ifPresent(c -> {
            if (!names.add(c.name())) {
              problem(item, "two cases are named '" + c.name() + "'");
            }
            cases.add(c);
          });
        }
      });
      return runbook.map(id -> new RunbookTestFile(file, id, List.copyOf(cases)));
    }

    Optional<Case> testCase(Node node) {
      Optional<Map<String, NodeTuple>> m = mapping(node, "a case", CASE_KEYS);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      int before = problems.size();
      Map<String, NodeTuple> c = m.get();
      String name = required(c, "name", node).flatMap(n -> scalar(n, "name")).orElse("");
      Path recording = required(c, "recording", node).flatMap(n -> scalar(n, "recording").flatMap(r -> {
        Path p = file.toAbsolutePath().getParent().resolve(r).normalize();
        if (!Files.isRegularFile(p)) {
          problem(n, "recording '" + r + "' not found (looked for " + p + ")");
          return Optional.empty();
        }
        return Optional.of(p);
      })).orElse(null);
      Mode mode = optional(c, "mode", n -> scalar(n, "mode").flatMap(s -> {
        if (s.equals("advise") || s.equals("enforce")) {
          return Optional.of(Mode.parse(s));
        }
        problem(n, "mode must be advise or enforce, not '" + s + "'");
        return Optional.empty();
      })).orElse(Mode.ADVISE);
      boolean approved = optional(c, "approved", n -> yaml.flag(n, "approved")).orElse(false);
      List<Plan> expect = new ArrayList<>();
      Optional<Node> expectNode = Optional.ofNullable(c.get("expect")).map(NodeTuple::getValueNode);
      if (expectNode.isEmpty()) {
        problem(node, "missing 'expect': list the plans the runbook makes, or write 'expect: []' for a case where it "
            + "must stay silent");
      }
      expectNode.ifPresent(n -> list(n, "'expect'").forEach(item -> plan(item).ifPresent(expect::add)));
      if (problems.size() > before) {
        return Optional.empty();
      }
      return Optional.of(new Case(name, recording, mode, approved, List.copyOf(expect), position(node)));
    }

    Optional<Plan> plan(Node node) {
      Optional<Map<String, NodeTuple>> m = mapping(node, "an expected plan", PLAN_KEYS);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      Map<String, NodeTuple> p = m.get();
      int before = problems.size();
      long at = required(p, "at", node).flatMap(n -> scalar(n, "at").flatMap(s -> {
        try {
          return Optional.of(Values.duration(s).toMillis());
        } catch (IllegalArgumentException e) {
          problem(n, "at: " + e.getMessage() + " (the time since the recording started)");
          return Optional.empty();
        }
      })).orElse(0L);
      int pid = required(p, "pid", node).flatMap(n -> scalar(n, "pid").flatMap(s -> {
        if (s.matches("\\d{1,10}") && Long.parseLong(s) <= Integer.MAX_VALUE) {
          return Optional.of(Integer.parseInt(s));
        }
        problem(n, "pid must be a whole number, not '" + s + "'");
        return Optional.empty();
      })).orElse(0);
      List<String> decisions = new ArrayList<>();
      required(p, "decisions", node).ifPresent(n -> {
        for (Node d : list(n, "'decisions'")) {
          scalar(d, "a decision").flatMap(s -> decision(d, s)).ifPresent(decisions::add);
        }
      });
      Optional<String> summary = optional(p, "summary", n -> scalar(n, "summary"));
      Optional<String> scope = optional(p, "scope", n -> scalar(n, "scope"));
      if (problems.size() > before) {
        return Optional.empty();
      }
      return Optional.of(new Plan(at, pid, List.copyOf(decisions), summary, scope));
    }

    /** {@code action:verdict}, with a known action and verdict. */
    Optional<String> decision(Node node, String text) {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        problem(node, "'" + text + "' is not a decision; write action:verdict, e.g. capture_pmap:run");
        return Optional.empty();
      }
      String action = text.substring(0, colon).trim();
      String verdict = text.substring(colon + 1).trim();
      boolean ok = true;
      if (actions.find(action).isEmpty()) {
        problem(node, "unknown action '" + action + "'" + DidYouMean.hint(action, actions.names()) + "; known: "
            + String.join(", ", actions.names()));
        ok = false;
      }
      if (!VERDICTS.contains(verdict)) {
        problem(node, "unknown verdict '" + verdict + "'" + DidYouMean.hint(verdict, VERDICTS) + "; a decision is "
            + String.join(", ", VERDICTS));
        ok = false;
      }
      return ok ? Optional.of(action + ":" + verdict) : Optional.empty();
    }

    // ---- node helpers: the runbook loader's, which report at the node and return empty instead of throwing ----

    Optional<Map<String, NodeTuple>> mapping(Node node, String what, List<String> allowed) {
      return yaml.mapping(node, what, allowed);
    }

    Optional<Node> required(Map<String, NodeTuple> map, String key, Node parent) {
      return yaml.required(map, key, parent);
    }

    <T> Optional<T> optional(Map<String, NodeTuple> map, String key, Function<Node, Optional<T>> read) {
      return Optional.ofNullable(map.get(key)).flatMap(t -> read.apply(t.getValueNode()));
    }

    Optional<String> scalar(Node node, String what) {
      return yaml.scalar(node, what);
    }

    List<Node> list(Node node, String what) {
      return yaml.sequence(node, what);
    }

    void problem(Node node, String message) {
      yaml.problem(node, message);
    }

    Position position(Node node) {
      return yaml.at(node);
    }
  }
}
