package dev.medic.engine.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.drl.DrlCompiler;
import dev.medic.engine.language.window.SustainedFor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading and validating runbooks: every problem, at its line and column, at once. */
class RunbookLoaderTest {

  private final RunbookLoader loader = new RunbookLoader(ActionRegistry.builtin());

  /** The DRL the runbooks at {@code path} compile to, after checking that Drools builds it. */
  private String compiledAndBuilt(Path path) throws Exception {
    String drl = new DrlCompiler().compile(loader.loadAll(List.of(path)));
    dev.medic.engine.session.RuleBase.build(drl);
    return drl;
  }

  private List<String> problems(Path file) {
    RunbookException e = assertThrows(RunbookException.class, () -> loader.loadAll(List.of(file)));
    return e.problems().stream().map(p -> p.toString().substring(file.toString().length())).toList();
  }

  @Test
  void theShippedRunbookLoads() throws Exception {
    Runbook rb = loader.loadAll(List.of(Path.of("../runbooks/memory-hog.yaml"))).get(0);
    assertEquals("memory-hog", rb.id());
    assertEquals(2, rb.rules().size());
    assertEquals(new SustainedFor(Duration.ofMinutes(1)), rb.rules().get(0).primary().window());
    assertEquals(90.0, rb.rules().get(0).primary().where().get(0).value());
    assertEquals(List.of("capture_identity", "capture_pmap"), rb.steps().stream().map(ActionStep::action).toList());
    assertEquals("500", rb.remediate().get(0).params().get("value"));
  }

  @Test
  void reportsEveryProblemWithLineAndColumn() {
    List<String> p = problems(Path.of("src/test/resources/runbooks/bad/many-problems.yaml"));
    List<String> expected = List.of(
        ":2:1: unknown key 'titel' in the runbook (did you mean 'title'?); allowed: id, title, severity, enabled, "
            + "tags, when, target, steps, remediate, guards, mode, summary, advice, schedule",
        ":1:5: id 'Bad_Id' must be lower-case letters, digits and '-', starting with a letter",
        ":5:13: unknown fact 'cgroupp' (did you mean 'cgroup'?); known: "
            + String.join(", ", dev.medic.engine.facts.FactCatalog.all().keySet()),
        ":9:11: 'cgroup' has no field 'usagePercnt' (did you mean 'usagePercent'?)",
        ":10:11: usage: 'lots' is not a size; write e.g. 512MiB, 2GiB, 500MB or a number of bytes",
        ":11:12: '5 minutes' is not a duration; write a whole number and a unit: 500ms, 30s, 2m, 1h, 1d",
        ":12:9: unknown target 'biggest'; known: top_process_by_pss, top_process_by_rss, matched_process, oom_victim, "
        + "listener_owner",
        ":14:5: unknown action 'capture_pmapp' (did you mean 'capture_pmap'?); known: "
            + String.join(", ", ActionRegistry.builtin().names()),
        ":15:5: 'set_oom_score_adj' changes the host: list it under 'remediate', not 'steps'");
    for (String e : expected) {
      assertTrue(p.contains(e), "missing problem " + e + "\nin " + String.join("\n", p));
    }
    assertTrue(p.stream().anyMatch(s -> s.startsWith(":17:5: set_oom_score_adj: ")), String.join("\n", p));
    assertTrue(p.stream().anyMatch(s -> s.equals(":18:10: unknown field in {{process.nme}} (did you mean 'process.comm'?)")),
        String.join("\n", p));
  }

  @Test
  void yamlSyntaxErrorsPointAtTheSpot(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, "id: x\nwhen:\n  fact: cgroup\n   where: [oops\n");
    List<String> p = problems(f);
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).matches(":4:\\d+: YAML syntax: .*"), p.get(0));
  }

  /** Drools would truncate 900.5 to 900 for a whole-number field: the loader refuses instead of meaning that. */
  @Test
  void aWholeNumberFieldIsNotComparedForEqualityWithAFraction(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("frac.yaml");
    Files.writeString(f, "id: frac\nwhen:\n  fact: process\n  where: ['openFds == 900.5', 'threads != 2.5', "
        + "'openFds > 900.5', 'oomScore == 3']\nsteps: [capture_pmap]\n");
    assertEquals(List.of(
        ":4:11: 'openFds' is a whole number, so == 900.5 can never hold; compare with a whole number",
        ":4:31: 'threads' is a whole number, so != 2.5 always holds; compare with a whole number"),
        problems(f).stream().map(p -> p.substring(p.indexOf(':'))).toList());
  }

  /**
   * Action parameters are checked by name (did-you-mean) and by value; a value filled from the plan is checked
   * when the action runs, but it does not hide the problems of the other parameters.
   */
  @Test
  void actionParametersAreCheckedByNameAndValue(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("params.yaml");
    Files.writeString(f, """
        id: params
        when: {fact: process, where: rss > 1GiB}
        steps:
          - capture_pmap: {timout: 5s}
          - capture_top: {cout: 5}
        remediate:
          - signal_process: {signal: "{{process.comm}}", wait: forever}
        """);
    List<String> p = problems(f);
    assertEquals(3, p.size(), p.toString());
    assertTrue(p.get(0).matches(":4:5: capture_pmap: unknown parameter 'timout'; it takes none"), p.get(0));
    assertTrue(p.get(1).matches(":5:5: capture_top: unknown parameter 'cout' \\(did you mean 'count'\\?\\); it takes count"),
        p.get(1));
    assertTrue(p.get(2).startsWith(":7:5: signal_process: parameter 'wait'"), p.get(2));
  }

  /** {@code == null} tests that a field is absent: only for fields that may be, only with == and !=. */
  @Test
  void nullTestsAbsenceOfFieldsThatMayBeAbsent(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, "id: ok\nwhen:\n  fact: process\n  where: ['container == null', 'unit != null']\n"
        + "steps: [capture_pmap]\n");
    String drl = compiledAndBuilt(ok);
    assertTrue(drl.contains("container == null, unit != null"), drl);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "id: bad\nwhen:\n  fact: process\n  where: ['comm == null', 'unit > null']\n"
        + "steps: [capture_pmap]\n");
    assertEquals(List.of(":4:11: 'comm' is always present, so == null never holds",
        ":4:27: unit: null compares only with == or !="), problems(bad));
  }

  /** {@code in} and {@code not in} test text against a set; anything else about a set is refused clearly. */
  @Test
  void textSetsCompileToDroolsInAndAreCheckedWhenLoaded(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, "id: ok\nwhen:\n  fact: process\n  where: ['comm in [postgres, \"mysqld\"]', "
        + "'unit not   in [a.service]']\nsteps: [capture_pmap]\n");
    String drl = compiledAndBuilt(ok);
    assertTrue(drl.contains("comm in (\"postgres\", \"mysqld\"), (unit != null && unit not in (\"a.service\"))"), drl);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "id: bad\nwhen:\n  fact: process\n  where:\n    - rss in [1, 2]\n    - comm in []\n"
        + "    - comm in [a, a]\n    - 'comm in [a\"b]'\n    - comm in postgres\nsteps: [capture_pmap]\n");
    assertEquals(List.of(
        ":5:7: rss: in takes a text field; 'rss' is not text",
        ":6:7: comm: the set is empty",
        ":7:7: comm: 'a' is in the set twice",
        ":8:7: comm: 'a\"b' in the set: each value must be non-empty text of letters, digits and _ . / : @ + = -, "
            + "separated by commas",
        ":9:7: 'comm in postgres' is not a condition; write <field> <op> <value>, e.g. usagePercent >= 90%, "
            + "or <field> in [<values>]"), problems(bad));
  }

  /** A disabled runbook compiles to no rule and keeps no facts alive longer than the enabled ones need. */
  @Test
  void aDisabledRunbookDoesNotLengthenFactExpiry(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("off.yaml"), "id: off\nenabled: false\nwhen:\n  fact: process\n"
        + "  where: rss > 1GiB\n  count: 3\n  within: 1h\nsteps: [capture_pmap]\n");
    // an enabled runbook on the same type: the DRL declares only the types its rules use
    Files.writeString(dir.resolve("on.yaml"),
        "id: on\nwhen: {fact: process, where: rss > 2GiB}\nsteps: [capture_pmap]\n");
    String drl = new DrlCompiler().compile(loader.loadAll(List.of(dir)));
    assertTrue(drl.contains("declare ProcessSample\n  @role(event)\n  @timestamp(timestamp)\n  @expires(60000ms)"), drl);
    assertTrue(!drl.contains("rule \"off#0\""), drl);
  }

  @Test
  void duplicateIdsAcrossFilesAreReported(@TempDir Path dir) throws Exception {
    String rb = "id: same\nwhen: {fact: memory, where: usedPercent > 50%}\nsteps: [capture_pmap]\n";
    Files.writeString(dir.resolve("a.yaml"), rb);
    Files.writeString(dir.resolve("b.yaml"), rb);
    RunbookException e = assertThrows(RunbookException.class, () -> loader.loadAll(List.of(dir)));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).toString().contains("runbook id 'same' is already used by " + dir.resolve("a.yaml")));
  }

  /** Hostile values never reach DRL: each is refused with a clear message. */
  @ParameterizedTest
  @ValueSource(strings = {
      "path == \"/a\" ) then System.exit(1); end rule \"x\" when",
      "path == '/a\" || true || \"'",
      "path == \"a\" + \"b\"",
      "path == /a\\\"b",
      "usagePercent >= 90); System.exit(1",
      "usagePercent >= 1e400",
      "path >= /a",
      "usage then >= 5"})
  void hostileConditionsAreRefused(String condition, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("hostile.yaml");
    Files.writeString(f, "id: hostile\nwhen:\n  fact: cgroup\n  where:\n    - '" + condition.replace("'", "''")
        + "'\nsteps: [capture_pmap]\n");
    List<String> p = problems(f);
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith(":5:7: "), p.get(0));
  }

  @Test
  void safeTextValuesCompileToPlainLiterals(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, "id: ok\nwhen:\n  fact: cgroup\n  where: ['path == \"/system.slice/db.service\"', "
        + "'usage > 1.5GiB', 'path != end']\nsteps: [capture_pmap]\n");
    String drl = compiledAndBuilt(f);
    assertTrue(drl.contains("path == \"/system.slice/db.service\""), drl);
    assertTrue(drl.contains("usage > 1610612736.0"), drl);
    assertTrue(drl.contains("path != \"end\""), "a DRL keyword as a value is only a string: " + drl);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{fact: oom_kill, for: 1m}", "{fact: kernel_event, trend: 'priority > 1/min', over: 5m}",
      "{fact: oom_kill, increased: pid}"})
  void sampleWindowsOnEventsAreRefused(String when, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("events.yaml");
    Files.writeString(f, "id: events\nwhen: " + when + "\nsteps: [capture_top]\n");
    List<String> p = problems(f);
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith(":2:7: ") && p.get(0).endsWith("records events, not samples: use count/within "
        + "(or no window)"), p.get(0));
  }

  /**
   * The rules all window kinds share, each with the message and position it had before the kinds became classes:
   * the condition reader checks them in this order and reports only the first.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "{fact: cgroup, for: 1m, count: 2, within: 5m}|:2:7: use one window per condition: for, count/within, "
          + "trend/over, rate/over or increased",
      "{fact: process, trend: 'rss > 1MiB/min', rate: 'rss > 1MiB/min', over: 5m}|:2:7: use one window per "
          + "condition: for, count/within, trend/over, rate/over or increased",
      "{not: {fact: cgroup, for: 1m}}|:2:13: 'not' takes only 'within' (no sample in the window) or no window at all",
      "{not: {fact: cgroup, count: 2, within: 5m}}|:2:13: 'not' takes only 'within' (no sample in the window) or no "
          + "window at all",
      "{fact: cgroup, over: 5m, within: 5m}|:2:22: 'over' goes with 'trend' or 'rate'",
      "{fact: cgroup, for: 1m, by: 2}|:2:31: 'by' goes with 'increased'",
      "{fact: cgroup, within: 5m}|:2:22: 'within' goes with 'count', or inside 'not'",
      "{fact: cgroup, for: 1m, within: 5m}|:2:31: 'within' goes with 'count', or inside 'not'",
      "{fact: cgroup, count: 2}|:2:7: missing 'within'",
      "{fact: process, trend: 'rss > 1MiB/min'}|:2:7: missing 'over'",
      "{fact: process, rate: 'rss > 1MiB', over: 5m}|:2:29: 'rss > 1MiB' is not a trend; write <field> <op> "
          + "<amount>/min, e.g. rss > 20MiB/min",
      "{fact: process, trend: 'comm > 1/min', over: 5m}|:2:30: 'comm' is not a number",
      "{fact: process, trend: 'rss == 1MiB/min', over: 5m}|:2:30: a trend compares with <, <=, > or >=",
      "{fact: cgroup, increased: oomKills, by: 0}|:2:47: 'by' must be a whole number from 1 to 2147483647, not '0'",
      "{fact: cgroup, count: 0, within: 5m}|:2:29: 'count' must be a whole number from 1 to 1000000, not '0'",
      "{fact: cgroup, for: 0s}|:2:27: a window of 0 is no window; leave the key out instead"})
  void windowRulesAreReportedAsBefore(String when, String expected, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(f, "id: w\nwhen: " + when + "\nsteps: [capture_top]\n");
    assertEquals(List.of(expected), problems(f));
  }
}
