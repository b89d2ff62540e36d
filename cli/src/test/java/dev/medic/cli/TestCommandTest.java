package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code medic test}: a folder of runbooks with a {@code tests/} folder; the fixture runbook fires once, at 4 s, on
 * pid 200 of the fixture recording.
 */
class TestCommandTest {

  static final String DECISIONS = "[capture_identity:run, capture_pmap:run, set_oom_score_adj:proposed]";

  @TempDir
  Path dir;

  @BeforeEach
  void write() throws Exception {
    RecordingFixtures.runbook(dir);
    Files.createDirectories(dir.resolve("tests"));
    RecordingFixtures.recording(dir.resolve("tests/recordings/hog.jsonl"));
  }

  private Path tests(String cases) throws Exception {
    return Files.writeString(dir.resolve("tests/hog.yaml"), "runbook: hog\ncases:\n" + cases);
  }

  private static String firesAt(String at, int pid) {
    return "  - name: the worker holds the full cgroup\n"
        + "    recording: recordings/hog.jsonl\n"
        + "    expect:\n"
        + "      - {at: " + at + ", pid: " + pid + ", decisions: " + DECISIONS + "}\n";
  }

  @Test
  void aPassingCasePrintsATableAndASummaryAndExitsZero() throws Exception {
    tests(firesAt("4s", 200));
    CliRun r = CliRun.of("test", dir.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("RUNBOOK +CASE +RESULT +DETAIL"), lines.get(0));
    assertTrue(lines.get(1).matches("hog +the worker holds the full cgroup +pass +1 plan as expected"), lines.get(1));
    assertEquals("1 passed, 0 failed", lines.get(lines.size() - 1));
  }

  @Test
  void aWrongPidFailsWithExpectedAndActual() throws Exception {
    tests(firesAt("4s", 100));
    CliRun r = CliRun.of("test", dir.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.out().contains("FAIL    plan expected at 4s for pid 100: got it at the same time for pid 200"),
        r.toString());
    assertTrue(r.out().endsWith("0 passed, 1 failed" + System.lineSeparator()), r.toString());
  }

  @Test
  void aWrongOffsetFailsWithExpectedAndActual() throws Exception {
    tests(firesAt("10s", 200));
    CliRun r = CliRun.of("test", dir.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.out().contains("plan expected at 10s for pid 200: got it at 4s for the same pid"), r.toString());
  }

  @Test
  void aSilentCaseThatPlansFails() throws Exception {
    tests("  - {name: silent, recording: recordings/hog.jsonl, expect: []}\n");
    CliRun r = CliRun.of("test", dir.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.out().contains("expected no plan, got 1 plan: unexpected plan at 4s for pid 200 " + DECISIONS),
        r.toString());
  }

  @Test
  void aRunbookWithoutATestFileFails() throws Exception {
    Files.writeString(dir.resolve("quiet.yaml"), "id: quiet\nwhen: {fact: memory, where: availablePercent < 1%}\n");
    tests(firesAt("4s", 200));
    CliRun r = CliRun.of("test", dir.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("quiet +\\(no tests\\) +FAIL +every runbook ships with tests: "
        + "add tests/quiet.yaml with at least one case")), r.toString());
    assertTrue(r.out().endsWith("1 passed, 1 failed" + System.lineSeparator()), r.toString());
  }

  @Test
  void jsonHasTheCountsAndEveryCase() throws Exception {
    tests(firesAt("4s", 200) + firesAt("5s", 200).replace("the worker holds", "too late for"));
    CliRun r = CliRun.of("test", "--json", dir.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals(1, root.get("passed").asInt());
    assertEquals(1, root.get("failed").asInt());
    assertEquals(2, root.get("cases").size());
    JsonNode first = root.get("cases").get(0);
    assertEquals("hog", first.get("runbook").asText());
    assertEquals("the worker holds the full cgroup", first.get("case").asText());
    assertTrue(first.get("passed").asBoolean());
    assertEquals("1 plan as expected", first.get("detail").asText());
    JsonNode second = root.get("cases").get(1);
    assertFalse(second.get("passed").asBoolean());
    assertEquals("plan expected at 5s for pid 200: got it at 4s for the same pid", second.get("detail").asText());
  }

  @Test
  void aBadTestFileIsAClearErrorWithItsPosition() throws Exception {
    Path file = tests("  - name: typo\n    recording: recordings/hog.jsonl\n    expect:\n      - {at: 4s, pid: 200, "
        + "decisions: [capture_pmap:runn]}\n");
    CliRun r = CliRun.of("test", dir.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    String problem = file + ":6:40: unknown verdict 'runn' (did you mean 'run'?); a decision is run, proposed, denied";
    assertEquals(List.of(problem), r.err().lines().toList());
    assertTrue(r.out().contains("(test file)  FAIL    invalid test file: " + problem), r.toString());
    assertFalse(r.err().contains("\tat "), r.toString());
  }

  @Test
  void aSingleTestFileCanBeRun() throws Exception {
    Path file = tests(firesAt("4s", 200));
    CliRun r = CliRun.of("test", file.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertTrue(r.out().endsWith("1 passed, 0 failed" + System.lineSeparator()), r.toString());
  }

  @Test
  void togetherRunsTheCasesWithTheWholeFolderLoaded() throws Exception {
    tests(firesAt("4s", 200));
    CliRun r = CliRun.of("test", "--together", dir.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
  }

  @Test
  void aMissingPathOrAnUnknownOptionIsAUsageError() {
    CliRun missing = CliRun.of("test", dir.resolve("nope").toString());
    assertEquals(MedicCli.USAGE, missing.code(), missing.toString());
    assertEquals("medic test: " + dir.resolve("nope") + ": no such file or folder", missing.err().strip());
    CliRun option = CliRun.of("test", "--jsn", dir.toString());
    assertEquals(MedicCli.USAGE, option.code(), option.toString());
  }

  @Test
  void aFolderWithNothingToTestFails() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun r = CliRun.of("test", empty.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.err().contains("no runbooks or tests found"), r.toString());
  }
}
