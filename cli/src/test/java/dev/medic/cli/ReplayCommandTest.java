package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medic replay}: the same recording prints the same decisions; a bad recording fails clearly. */
class ReplayCommandTest {

  @TempDir
  Path dir;

  Path runbook;
  Path recording;

  @BeforeEach
  void write() throws Exception {
    runbook = RecordingFixtures.runbook(dir);
    recording = RecordingFixtures.recording(dir.resolve("rec.jsonl"));
  }

  private CliRun replay(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("replay", "--runbooks", runbook.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void jsonIsIdenticalOnEveryReplay() throws Exception {
    CliRun first = replay(recording.toString(), "--json");
    CliRun second = replay(recording.toString(), "--json");
    assertEquals(MedicCli.OK, first.code(), first.toString());
    assertEquals(first.out(), second.out());
    assertEquals("", first.err());

    JsonNode root = new ObjectMapper().readTree(first.out());
    assertEquals(4242, root.get("recording").get("medicPid").asInt());
    assertEquals("test-host", root.get("recording").get("host").asText());
    assertEquals(10, root.get("sweeps").asInt());
    assertEquals(40, root.get("facts").asInt());
    assertEquals(0, root.get("skippedUnknownFacts").asInt());
    JsonNode events = root.get("events");
    assertEquals(4, events.size(), events.toString());
    JsonNode plan = events.get(0);
    assertEquals("plan", plan.get("event").asText());
    assertEquals(RecordingFixtures.T0 + 4000, plan.get("ts").asLong());
    assertEquals(200, plan.get("pid").asInt());
    assertEquals("hog-20241124T224004.000Z-200", plan.get("incident").asText());
    assertEquals("proposed", events.get(3).get("verdict").asText());
  }

  @Test
  void textShowsThePlanItsReasonAndEachDecision() {
    CliRun r = replay(recording.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertEquals(List.of(
        "Replay of a recording from test-host (kernel 6.1.0-test), started 2024-11-24T22:40:00Z: 10 sweeps, 40 facts",
        "2024-11-24T22:40:04Z  hog  pid 200 (worker)  cgroup /app",
        "    worker (pid 200) holds 80.0 MiB PSS in cgroup /app",
        "    because cgroup.usagePercent = 95.0% (usagePercent >= 90%) for 4s",
        "    capture_identity     run       all: read-only capture",
        "    capture_pmap         run       all: read-only capture",
        "    set_oom_score_adj    proposed  mode: advise mode: changes the host",
        "1 plan(s), 3 decision(s)"), r.out().lines().toList());
    assertEquals(r.out(), replay(recording.toString()).out(), "text is deterministic too");
  }

  @Test
  void enforceFromTheCommandLineStillNeedsAnApprovedHost() {
    CliRun r = replay("--mode", "enforce", recording.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertTrue(r.out().contains("    set_oom_score_adj    proposed  approved-host: host not approved for enforce "
        + "(approved: false)"), r.toString());
  }

  @Test
  void aConfigFileSetsTheModeAndApproval() throws Exception {
    Path config = Files.writeString(dir.resolve("medic.yaml"),
        "mode: enforce\napproved: true\nrunbooks: [hog.yaml]\nstateDir: state\n");
    CliRun r = CliRun.of("replay", "-c", config.toString(), recording.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertTrue(r.out().contains("    set_oom_score_adj    run       all: every gate passed"), r.toString());
    assertFalse(Files.exists(dir.resolve("state")), "a replay writes no journal or evidence");
  }

  @Test
  void aMissingRecordingFailsWithOneLine() {
    Path missing = dir.resolve("missing.jsonl");
    CliRun r = replay(missing.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertEquals(List.of("medic replay: " + missing + ": cannot read: no such file"), r.err().lines().toList());
    assertEquals("", r.out());
  }

  @Test
  void aGarbledLineFailsWithItsFileAndLine() throws Exception {
    List<String> lines = Files.readAllLines(recording);
    lines.set(6, lines.get(6).substring(0, 30) + "#garbage");
    Files.write(recording, lines);
    CliRun r = replay(recording.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().startsWith("medic replay: " + recording + ":7: "), r.toString());
    assertFalse(r.err().contains("\tat "), r.toString());
    assertEquals("", r.out(), "nothing is printed for a replay that could not finish");
  }

  @Test
  void aDamagedRecordingPrintsItsDecisionsAndEachProblemAndFails() throws Exception {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(recording));
    lines.add(lines.get(1)); // the first sweep's first fact again, after the last sweep
    Files.write(recording, lines);
    CliRun r = replay(recording.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.out().contains("plan(s)"), r.toString());
    assertEquals(List.of("medic replay: " + recording + ":" + lines.size() + ": the timestamp goes back"),
        r.err().lines().limit(1).map(l -> l.substring(0, l.indexOf(" goes back") + 10)).toList(), r.toString());
    assertTrue(r.err().contains("the recording is damaged (1 problem(s))"), r.toString());
  }

  @Test
  void aRecordingCutShortFailsAtItsLastLine() throws Exception {
    Files.writeString(recording, "{\"type\":\"cgroup\",\"ts\":17", StandardOpenOption.APPEND);
    CliRun r = replay(recording.toString(), "--json");
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.err().startsWith("medic replay: " + recording + ":42: "), r.toString());
  }

  @Test
  void invalidRunbooksAreReportedNotReplayed() throws Exception {
    Files.writeString(runbook, "id: hog\nwhen: {any: [{fact: cgroupp}]}\n");
    CliRun r = replay(recording.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith(runbook + ":2:")), r.toString());
    assertEquals("", r.out());
  }

  @Test
  void noRecordingIsAUsageError() {
    CliRun r = replay();
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().startsWith("Missing required parameter: 'RECORDING'"), r.toString());
  }

  @Test
  void controlCharactersInARecordedCommCannotForgeTimelineLines() throws Exception {
    RecordingFixtures.recording(recording, "w\n1 plan(s)\u001b[2J");
    CliRun r = replay(recording.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertFalse(r.out().contains("\u001b"), r.toString());
    assertEquals(8, r.out().lines().count(), "the same 8 lines as with an ordinary name:\n" + r);
  }
}
