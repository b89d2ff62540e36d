package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.runbook.Problem;
import dev.medic.simulator.RunbookTestFile.Plan;
import dev.medic.simulator.RunbookTests.Actual;
import dev.medic.simulator.RunbookTests.Report;
import dev.medic.simulator.RunbookTests.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook test runner: reading test files, comparing plans, and running a folder. */
class RunbookTestsTest {

  static final List<String> HOG = List.of("capture_identity:run", "capture_pmap:run", "set_oom_score_adj:proposed");

  @TempDir
  Path dir;

  private static Plan expected(long atSeconds, int pid, List<String> decisions) {
    return new Plan(atSeconds * 1000, pid, decisions, Optional.empty(), Optional.empty());
  }

  private static Actual actual(long atSeconds, int pid, List<String> decisions) {
    return new Actual(atSeconds * 1000, pid, decisions, "summary", "cgroup /app");
  }

  // ---- comparing plans ----

  @Test
  void thePlansAsExpectedPass() {
    assertEquals(Optional.empty(), RunbookTests.compare(List.of(expected(4, 200, HOG)), List.of(actual(4, 200, HOG))));
    assertEquals(Optional.empty(), RunbookTests.compare(List.of(), List.of()));
  }

  @Test
  void aWrongPidNamesBothPids() {
    assertEquals(Optional.of("plan expected at 4s for pid 201: got it at the same time for pid 200"),
        RunbookTests.compare(List.of(expected(4, 201, HOG)), List.of(actual(4, 200, HOG))));
  }

  @Test
  void aWrongTimeNamesBothTimes() {
    assertEquals(Optional.of("plan expected at 1m for pid 200: got it at 90s for the same pid"),
        RunbookTests.compare(List.of(expected(60, 200, HOG)), List.of(actual(90, 200, HOG))));
  }

  @Test
  void wrongDecisionsListBothLists() {
    List<String> run = List.of("capture_identity:run", "capture_pmap:run", "set_oom_score_adj:run");
    assertEquals(Optional.of("plan at 4s for pid 200: decisions " + run + " expected, got " + HOG),
        RunbookTests.compare(List.of(expected(4, 200, run)), List.of(actual(4, 200, HOG))));
  }

  @Test
  void aSilentCaseThatPlansListsTheUnexpectedPlans() {
    assertEquals(Optional.of("expected no plan, got 2 plans: unexpected plan at 4s for pid 200 " + HOG
            + "; unexpected plan at 1h for pid 300 []"),
        RunbookTests.compare(List.of(), List.of(actual(4, 200, HOG), actual(3600, 300, List.of()))));
  }

  @Test
  void aMissingPlanIsNamed() {
    assertEquals(Optional.of("expected 2 plans, got 1 plan: missing plan at 11m for pid 200 " + HOG),
        RunbookTests.compare(List.of(expected(60, 200, HOG), expected(660, 200, HOG)), List.of(actual(60, 200, HOG))));
  }

  @Test
  void plansPairByTimeAndPidBeforeOrder() {
    // the extra plan comes first; the expected one still pairs with its twin rather than with the extra one
    assertEquals(Optional.of("expected 1 plan, got 2 plans: unexpected plan at 10s for pid 300 " + HOG),
        RunbookTests.compare(List.of(expected(60, 200, HOG)), List.of(actual(10, 300, HOG), actual(60, 200, HOG))));
  }

  @Test
  void summaryAndScopeAreComparedOnlyWhenGiven() {
    Plan withSummary = new Plan(4000, 200, HOG, Optional.of("other summary"), Optional.of("cgroup /app"));
    assertEquals(Optional.of("plan at 4s for pid 200: summary \"other summary\" expected, got \"summary\""),
        RunbookTests.compare(List.of(withSummary), List.of(actual(4, 200, HOG))));
    Plan withScope = new Plan(4000, 200, HOG, Optional.empty(), Optional.of("host"));
    assertEquals(Optional.of("plan at 4s for pid 200: scope 'host' expected, got 'cgroup /app'"),
        RunbookTests.compare(List.of(withScope), List.of(actual(4, 200, HOG))));
  }

  @Test
  void offsetsPrintAsATestFileWritesThem() {
    assertEquals("0s", RunbookTests.offset(0));
    assertEquals("80s", RunbookTests.offset(80_000));
    assertEquals("15m", RunbookTests.offset(900_000));
    assertEquals("2h", RunbookTests.offset(7_200_000));
    assertEquals("1500ms", RunbookTests.offset(1500));
  }

  // ---- reading test files ----

  private Path recording() throws Exception {
    return Scenario.write(dir.resolve("recordings/rec.jsonl"), Scenario.sweeps(200, "worker",
        Scenario.constant(95, 10)));
  }

  private Path testFile(String yaml) throws Exception {
    Files.createDirectories(dir.resolve("tests"));
    return Files.writeString(dir.resolve("tests/hog.yaml"), yaml);
  }

  private List<String> problems(String yaml) throws Exception {
    Path file = testFile(yaml);
    RunbookTestFile.InvalidException e = assertThrows(RunbookTestFile.InvalidException.class,
        () -> RunbookTestFile.read(file, ActionRegistry.builtin()));
    return e.problems().stream().map(Problem::toString).map(s -> s.substring(file.toString().length())).toList();
  }

  @Test
  void aTestFileReadsWithDefaults() throws Exception {
    Path rec = recording();
    Path file = testFile("""
        runbook: hog
        cases:
          - name: fires
            recording: ../recordings/rec.jsonl
            expect:
              - {at: 4s, pid: 200, decisions: [capture_identity:run, capture_pmap:run, set_oom_score_adj:proposed]}
          - name: silent in enforce
            recording: ../recordings/rec.jsonl
            mode: enforce
            approved: true
            expect: []
        """);
    RunbookTestFile t = RunbookTestFile.read(file, ActionRegistry.builtin());
    assertEquals("hog", t.runbook());
    assertEquals(2, t.cases().size());
    RunbookTestFile.Case first = t.cases().get(0);
    assertEquals(rec.toAbsolutePath().normalize(), first.recording());
    assertEquals(Mode.ADVISE, first.mode());
    assertFalse(first.approved());
    assertEquals(List.of(expected(4, 200, HOG)), first.expect());
    assertEquals(Mode.ENFORCE, t.cases().get(1).mode());
    assertTrue(t.cases().get(1).approved());
    assertEquals(List.of(), t.cases().get(1).expect());
  }

  @Test
  void everyProblemIsReportedAtItsLineAndColumn() throws Exception {
    recording();
    List<String> p = problems("""
        runbook: hog
        cases:
          - name: one
            recording: ../recordings/rec.jsonl
            mdoe: enforce
            expect:
              - at: 5 seconds
                pid: two
                decisions: [capture_pmapp:run, capture_identity:ran, capture_pmap]
          - name: one
            recording: ../recordings/missing.jsonl
            approved: yes
        """);
    assertEquals(List.of(
        ":5:5: unknown key 'mdoe' in a case (did you mean 'mode'?); allowed: name, recording, mode, approved, expect",
        ":7:13: at: '5 seconds' is not a duration; write a whole number and a unit: 500ms, 30s, 2m, 1h, 1d "
            + "(the time since the recording started)",
        ":8:14: pid must be a whole number, not 'two'",
        ":9:21: unknown action 'capture_pmapp' (did you mean 'capture_pmap'?); known: "
            + String.join(", ", ActionRegistry.builtin().names()),
        ":9:40: unknown verdict 'ran' (did you mean 'run'?); a decision is run, proposed, denied",
        ":9:62: 'capture_pmap' is not a decision; write action:verdict, e.g. capture_pmap:run",
        ":11:16: recording '../recordings/missing.jsonl' not found (looked for "
            + dir.resolve("recordings/missing.jsonl").toAbsolutePath().normalize() + ")",
        ":12:15: 'approved': expected true or false, not 'yes'",
        ":10:5: missing 'expect': list the plans the runbook makes, or write 'expect: []' for a case where it must "
            + "stay silent"), p);
  }

  @Test
  void aYamlSyntaxErrorHasItsPosition() throws Exception {
    List<String> p = problems("runbook: hog\ncases: [unclosed\n");
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).matches(":\\d+:\\d+: YAML syntax: .+"), p.toString());
  }

  @Test
  void missingKeysAndEmptyCasesAreReported() throws Exception {
    assertEquals(List.of(":1:1: missing 'runbook'", ":1:1: missing 'cases'"), problems("runbok: hog\n").subList(1, 3));
    assertEquals(List.of(":2:8: 'cases' is empty; a runbook's tests need at least one case"),
        problems("runbook: hog\ncases: []\n"));
    assertEquals(List.of(":1:1: the file is empty; a test file starts with 'runbook:' and lists 'cases:'"),
        problems(""));
  }

  // ---- running a folder ----

  private void runbook() throws Exception {
    Files.writeString(dir.resolve("hog.yaml"), Scenario.RUNBOOK);
  }

  @Test
  void aFolderRunsEachCaseAndReportsFailuresPrecisely() throws Exception {
    runbook();
    recording();
    testFile("""
        runbook: hog
        cases:
          - name: fires on the hog
            recording: ../recordings/rec.jsonl
            expect:
              - {at: 4s, pid: 200, decisions: [capture_identity:run, capture_pmap:run, set_oom_score_adj:proposed]}
          - name: wrong pid
            recording: ../recordings/rec.jsonl
            expect:
              - {at: 4s, pid: 100, decisions: [capture_identity:run, capture_pmap:run, set_oom_score_adj:proposed]}
          - name: approved enforce host runs it
            recording: ../recordings/rec.jsonl
            mode: enforce
            approved: true
            expect:
              - {at: 4s, pid: 200, decisions: [capture_identity:run, capture_pmap:run, set_oom_score_adj:run]}
        """);
    Report r = new RunbookTests(ActionRegistry.builtin()).runFolder(dir);
    assertEquals(List.of(
        new Result("hog", "fires on the hog", true, "1 plan as expected"),
        new Result("hog", "wrong pid", false, "plan expected at 4s for pid 100: got it at the same time for pid 200"),
        new Result("hog", "approved enforce host runs it", true, "1 plan as expected")), r.results());
    assertEquals(2, r.passed());
    assertEquals(1, r.failed());
  }

  @Test
  void aRunbookWithoutTestsFails() throws Exception {
    runbook();
    Report r = new RunbookTests(ActionRegistry.builtin()).runFolder(dir);
    assertEquals(List.of(new Result("hog", "(no tests)", false,
        "every runbook ships with tests: add tests/hog.yaml with at least one case")), r.results());
  }

  @Test
  void aTestFileForAMissingRunbookFails() throws Exception {
    recording();
    Path file = testFile("runbook: ghost\ncases:\n  - {name: x, recording: ../recordings/rec.jsonl, expect: []}\n");
    Report r = new RunbookTests(ActionRegistry.builtin()).runFolder(dir);
    assertEquals(List.of(new Result("ghost", "(test file)", false,
        file + ": no runbook with id 'ghost' beside the tests folder")), r.results());
  }

  @Test
  void anInvalidTestFileFailsWithItsProblems() throws Exception {
    runbook();
    Path file = testFile("runbook: hog\ncases:\n  - {name: x, expect: []}\n");
    Report r = new RunbookTests(ActionRegistry.builtin()).runFolder(dir);
    assertEquals(List.of(new Result("hog", "(test file)", false, "invalid test file: " + file
        + ":3:5: missing 'recording'")), r.results());
    assertEquals(1, r.problems().size());
  }

  @Test
  void aBrokenRunbookFailsOnceWithItsProblem() throws Exception {
    recording();
    Path broken = Files.writeString(dir.resolve("hog.yaml"), "id: hog\nwhen: {fact: cgroupp}\n");
    testFile("runbook: hog\ncases:\n  - {name: x, recording: ../recordings/rec.jsonl, expect: []}\n");
    Report r = new RunbookTests(ActionRegistry.builtin()).runFolder(dir);
    assertEquals(1, r.results().size(), r.toString());
    Result row = r.results().get(0);
    assertEquals("(runbook)", row.name());
    assertTrue(row.detail().startsWith("the runbook does not load: " + broken + ":2:14: unknown fact 'cgroupp'"),
        row.detail());
  }

  @Test
  void togetherComparesOnlyThePlansOfTheRunbookUnderTest() throws Exception {
    runbook();
    recording();
    // a second runbook that fires on the same recording, with its own tests
    Files.writeString(dir.resolve("big.yaml"), """
        id: big
        when: {fact: process, where: 'rss > 400MiB'}
        steps: [capture_pmap]
        """);
    testFile("""
        runbook: hog
        cases:
          - name: fires on the hog
            recording: ../recordings/rec.jsonl
            expect:
              - {at: 4s, pid: 200, decisions: [capture_identity:run, capture_pmap:run, set_oom_score_adj:proposed]}
        """);
    Files.writeString(dir.resolve("tests/big.yaml"), """
        runbook: big
        cases:
          - name: the outsider is big
            recording: ../recordings/rec.jsonl
            expect:
              - {at: 0s, pid: 300, decisions: [capture_pmap:run]}
        """);
    for (boolean together : List.of(false, true)) {
      Report r = new RunbookTests(ActionRegistry.builtin(), together).runFolder(dir);
      assertEquals(0, r.failed(), r.toString());
      assertEquals(2, r.passed(), r.toString());
    }
  }
}
