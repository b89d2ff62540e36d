package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runbook.Echo;
import dev.medic.engine.runbook.InputFile;
import dev.medic.engine.runbook.Problem;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict, bounded reading of runbooks and {@code medic.yaml}: each hostile file found by the adversarial
 * campaign gives clear one-line problems at a position, quickly, with no parser or class name in them.
 */
class StrictInputTest {

  @TempDir
  Path dir;

  private final RunbookLoader loader = new RunbookLoader(ActionRegistry.builtin());

  private List<Problem> runbookProblems(String yaml) throws Exception {
    Path f = dir.resolve("rb.yaml");
    Files.writeString(f, yaml);
    return runbookProblems(f);
  }

  private List<Problem> runbookProblems(Path f) {
    RunbookException e = assertThrows(RunbookException.class, () -> loader.loadAll(List.of(f)));
    e.problems().forEach(StrictInputTest::assertOneCleanLine);
    return e.problems();
  }

  private String configError(String yaml) throws Exception {
    Path f = dir.resolve("medic.yaml");
    Files.writeString(f, yaml);
    return configError(f);
  }

  private static String configError(Path f) {
    MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class, () -> MedicConfig.load(f));
    e.getMessage().lines().forEach(StrictInputTest::assertOneCleanLine);
    return e.getMessage();
  }

  private static void assertHas(String text, String part) {
    assertTrue(text.contains(part), "'" + part + "' not in: " + text);
  }

  static void assertOneCleanLine(Object line) {
    String s = line.toString();
    assertTrue(s.matches("(?s)[^\\n]*:\\d+:\\d+: .*"), "no position: " + s);
    assertFalse(s.contains("\n") || s.contains("\u001b"), s);
    assertTrue(s.length() <= Echo.MAX_LINE + 300, "too long: " + s.length());
    for (String leak : List.of("com.fasterxml", "org.yaml", "MarkedYAMLException", "Exception", "java.")) {
      assertFalse(s.contains(leak), "leaks '" + leak + "': " + s);
    }
  }

  @Test
  void aDuplicateKeyInTheConfigIsAnErrorAtTheSecondOne() throws Exception {
    String e = configError("mode: advise\napproved: false\nrunbooks: [.]\nmode: enforce\n");
    assertTrue(e.endsWith("medic.yaml:4:1: 'mode' is given twice; a key may appear only once"), e);
  }

  @Test
  void aDuplicateKeyInARunbookIsAnErrorAtTheSecondOne() throws Exception {
    List<Problem> p = runbookProblems("id: a\nwhen: {fact: process}\nsteps: [capture_pmap]\nid: b\n");
    assertEquals(1, p.size(), p.toString());
    assertEquals(4, p.get(0).position().line());
    assertTrue(p.get(0).message().startsWith("'id' is given twice"), p.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "yes", "on", "\"TRUE\"", "'true'", "[true]", "TRUE", "True"})
  void configBooleansAreTrueOrFalse(String value) throws Exception {
    String e = configError("runbooks: [.]\napproved: " + value + "\n");
    assertTrue(e.contains(":2:11: 'approved': expected true or false"), e);
  }

  @ParameterizedTest
  @ValueSource(strings = {"enabled: 1", "enabled: yes", "enabled: 'true'", "guards: {requireApproval: on}",
      "guards: {enforceOnly: \"TRUE\"}"})
  void runbookBooleansAreTrueOrFalse(String line) throws Exception {
    List<Problem> p = runbookProblems("id: a\n" + line + "\nwhen: {fact: process}\nsteps: [capture_pmap]\n");
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).message().matches("'\\w+': expected true or false, not .*"), p.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a: &a [*a]\n", "when: &w {all: [*w]}\nid: x\n", "when: &w {not: *w}\nid: x\n"})
  void aSelfReferencingAliasIsOneLine(String yaml) throws Exception {
    List<Problem> p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> runbookProblems(yaml));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).message().contains("alias"), p.toString());
    String e = configError("runbooks: &a [*a]\n");
    assertEquals(1, e.lines().count(), e);
  }

  @Test
  void anExponentialAliasIsOneLine() throws Exception {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      y.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    List<Problem> p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> runbookProblems(y.toString()));
    assertEquals(1, p.size(), p.toString());
    assertEquals(1, configError(y.toString()).lines().count());
  }

  @Test
  void deepNestingIsOneLine() throws Exception {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertEquals(1, runbookProblems("when: " + deep + "\n").size());
    assertEquals(1, configError("runbooks: " + deep + "\n").lines().count());
  }

  @Test
  void devZeroAFifoAndAFolderAreRefusedQuickly() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertHas(configError(Path.of("/dev/zero")), "not a regular file");
      assertTrue(runbookProblems(Path.of("/dev/zero")).get(0).message().contains("not a regular file"));
      assertHas(configError(dir), "is a folder");
      Path link = dir.resolve("zero.yaml");
      Files.createSymbolicLink(link, Path.of("/dev/zero"));
      assertHas(configError(link), "is a link to not a regular file");
    });
    Path fifo = dir.resolve("fifo.yaml");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mk.waitFor() == 0, "mkfifo is needed");
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertHas(configError(fifo), "not a regular file");
      assertTrue(runbookProblems(fifo).get(0).message().contains("not a regular file"));
    });
  }

  @Test
  void aFileOverTheCapIsRefused() throws Exception {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "# " + "x".repeat(InputFile.MAX_YAML_BYTES) + "\n");
    assertHas(configError(big), "larger than 1 MiB");
    assertTrue(runbookProblems(big).get(0).message().contains("larger than 1 MiB"));
  }

  @Test
  void anOverflowingDurationIsOneProblemAndHidesNoOther() throws Exception {
    List<Problem> p = runbookProblems("id: a\nseverity: loud\nwhen: {fact: process}\nsteps: [capture_pmap]\n"
        + "guards: {cooldown: 99999999999999999999h}\n");
    assertEquals(2, p.size(), p.toString());
    assertEquals(5, p.get(1).position().line(), p.toString());
    assertTrue(p.get(1).message().contains("longer than the longest duration"), p.toString());
    assertHas(configError("runbooks: [.]\ninterval: 99999999999999999d\n"), ":2:11: '9999");
  }

  @Test
  void aMillionPlaceholdersFailInBoundedTime() throws Exception {
    String many = "{{process.pid}}".repeat(1_000_000);
    List<Problem> p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> runbookProblems(
        "id: a\nwhen: {fact: process}\nsteps: [capture_pmap]\nsummary: \"" + "{{x}}".repeat(60_000) + "\"\n"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(many.length() > InputFile.MAX_YAML_BYTES); // a million do not even fit in a runbook
    List<Problem> q = runbookProblems("id: a\nwhen: {fact: process}\nsteps: [capture_pmap]\nsummary: \""
        + "{{nope}}".repeat(100) + "\"\n");
    assertEquals(2, q.size(), q.toString()); // one unknown name, said once, and that there are too many
    StringBuilder distinct = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      distinct.append("{{nope").append(i).append("}}");
    }
    List<Problem> r = runbookProblems("id: a\nwhen: {fact: process}\nsteps: [capture_pmap]\nsummary: \"" + distinct
        + "\"\n");
    assertEquals(65, r.size()); // 64 unknown names, then one line saying there are more
  }

  @Test
  void echoedInputIsBoundedAndEscaped() throws Exception {
    List<Problem> p = runbookProblems("id: a\nseverity: \"" + "\\e[31m".repeat(5000) + "\"\nwhen: {fact: process}\n"
        + "steps: [capture_pmap]\n");
    assertEquals(1, p.size());
    assertTrue(p.get(0).message().contains("\\u001b[31m"), p.get(0).message());
    assertTrue(p.get(0).message().contains("…"), p.get(0).message());
  }

  @Test
  void aSymlinkedRunbooksFolderLoadsItsRunbooksAndAnEmptyFolderIsAnError() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Files.writeString(real.resolve("a.yaml"), "id: a\nwhen: {fact: process}\nsteps: [capture_pmap]\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertEquals(List.of("a"), loader.loadAll(List.of(link)).stream().map(Runbook::id).toList());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    List<Problem> p = runbookProblems(empty);
    assertTrue(p.get(0).message().contains("holds no runbook"), p.toString());
  }

  @Test
  void aConfigWithoutRunbooksIsAnError() throws Exception {
    assertHas(configError("mode: advise\n"), ":1:1: missing 'runbooks': list the runbook files and "
        + "folders to run");
    assertHas(configError(""), "missing 'runbooks'");
  }

  @Test
  void configErrorsNameTheSettingAndItsPlace() throws Exception {
    assertHas(configError("runbooks: [.]\nmood: advise\n"), ":2:1: unknown setting 'mood' (did you mean "
        + "'mode'?)");
    assertHas(configError("runbooks: [.]\ninterval: 1ms\n"), ":2:11: interval must be at least 100ms");
    assertHas(configError("runbooks: [.]\ntopProcesses: many\n"), ":2:15: 'topProcesses': expected a whole");
    assertHas(configError("runbooks: [.]\nmode: [x\n"), "YAML syntax");
  }
}
