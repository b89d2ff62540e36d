package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.exec.RecordingExecutor.Submitted;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays synthetic recordings through the real engine: what fires, when, on whom, and what the gates say. */
class ReplayerTest {

  static Path runbook;
  static CompiledRunbooks compiled;

  @TempDir
  Path dir;

  @BeforeAll
  static void compile(@TempDir Path rbDir) throws Exception {
    runbook = Scenario.runbook(rbDir);
    compiled = CompiledRunbooks.load(List.of(runbook), ActionRegistry.builtin());
  }

  private Replayer.Result replay(GateSettings config, Path recording) throws RecordingException {
    return new Replayer(compiled, config).replay(recording);
  }

  private Replayer.Result adviseReplay(Path recording) throws RecordingException {
    return replay(GateSettings.defaults(), recording);
  }

  private static GateSettings enforceApproved() {
    return new GateSettings(Mode.ENFORCE, true, GateSettings.DEFAULT_PROTECTED, Set.of());
  }

  private static List<Map<String, Object>> events(Replayer.Result r, String kind) {
    return r.events().stream().map(JournalCodec::toMap).filter(e -> kind.equals(e.get("event"))).toList();
  }

  private static List<String> decisions(Replayer.Result r) {
    return events(r, "decision").stream()
        .map(e -> e.get("action") + ":" + e.get("verdict") + ":" + e.get("gate")).toList();
  }

  @Test
  void aSustainedCgroupPlansOnceForItsBiggestProcessAndAdvises() throws Exception {
    Path rec = Scenario.write(dir.resolve("rec.jsonl"),
        Scenario.sweeps(200, "worker", Scenario.constant(95, 10)));
    Replayer.Result r = adviseReplay(rec);

    assertEquals(Scenario.HEADER, r.header());
    assertEquals(10, r.sweeps());
    assertEquals(70, r.facts());
    assertEquals(0, r.skippedUnknown());
    List<Map<String, Object>> plans = events(r, "plan");
    assertEquals(1, plans.size(), "the 1m cooldown keeps t=5s..9s quiet: " + r.events());
    Map<String, Object> plan = plans.get(0);
    // above 90% from t=0; "for 4s" holds once a sample 4 s old exists and none since missed: first at t=4s
    assertEquals(Scenario.T0 + 4000, plan.get("ts"));
    // pid 200 in /app/child, not the bigger outsider (/elsewhere), sibling (/application) or kernel thread
    assertEquals(200, plan.get("pid"));
    assertEquals("worker", plan.get("comm"));
    assertEquals("cgroup /app", plan.get("scope"));
    assertEquals("hog", plan.get("runbook"));
    assertEquals(List.of("capture_identity", "capture_pmap", "set_oom_score_adj"), plan.get("actions"));
    assertEquals(List.of("capture_identity:run:all", "capture_pmap:run:all", "set_oom_score_adj:proposed:mode"),
        decisions(r));
    assertTrue(events(r, "decision").stream().allMatch(e -> e.get("incident").equals(plan.get("incident"))
        && e.get("ts").equals(plan.get("ts")) && e.get("pid").equals(200)), r.events().toString());
    String incident = (String) plan.get("incident");
    assertEquals("hog-20241124T224004.000Z-200", incident);
    assertEquals(List.of(new Submitted(incident, "capture_identity", 200), new Submitted(incident, "capture_pmap", 200)),
        r.wouldRun());
  }

  @Test
  void theSameRecordingReplaysToTheSameBytes() throws Exception {
    Path rec = Scenario.write(dir.resolve("rec.jsonl"),
        Scenario.sweeps(200, "worker", Scenario.constant(95, 10)));
    Replayer.Result first = adviseReplay(rec);
    Replayer.Result second = adviseReplay(rec);
    assertEquals(4, first.events().size());
    assertEquals(first.events(), second.events());
    assertEquals(first.wouldRun(), second.wouldRun());
    assertEquals(first.events().stream().map(JournalCodec::line).toList(),
        second.events().stream().map(JournalCodec::line).toList());
    assertTrue(JournalCodec.line(first.events().get(0)).startsWith("{\"event\":\"plan\",\"ts\":" + (Scenario.T0 + 4000)
        + ",\"incident\":\"hog-20241124T224004.000Z-200\""), JournalCodec.line(first.events().get(0)));
  }

  @Test
  void aDipInsideTheWindowRestartsIt() throws Exception {
    // below until t=2s, above from t=3s; the 4 s window is inclusive at both ends, so without a dip it holds at
    // t=7s (samples 3..7 all above). A dip at t=6s is inside every window ending at t=7..10s; the first clean
    // window is 7..11s, so the plan comes at t=11s.
    double[] steady = {50, 50, 50, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95};
    double[] dip = steady.clone();
    dip[6] = 80;
    Replayer.Result withoutDip = adviseReplay(Scenario.write(dir.resolve("steady.jsonl"),
        Scenario.sweeps(200, "worker", steady)));
    Replayer.Result withDip = adviseReplay(Scenario.write(dir.resolve("dip.jsonl"),
        Scenario.sweeps(200, "worker", dip)));
    assertEquals(List.of(Scenario.T0 + 7000), events(withoutDip, "plan").stream().map(e -> e.get("ts")).toList());
    assertEquals(List.of(Scenario.T0 + 11_000), events(withDip, "plan").stream().map(e -> e.get("ts")).toList());
  }

  @Test
  void aCgroupThatNeverHoldsLongEnoughPlansNothing() throws Exception {
    // above for 4 samples (3 s) at a time, dipping every fifth: never a whole 4 s window above
    double[] flapping = {95, 95, 95, 95, 80, 95, 95, 95, 95, 80, 95, 95, 95, 95, 80};
    Replayer.Result r = adviseReplay(Scenario.write(dir.resolve("flap.jsonl"),
        Scenario.sweeps(200, "worker", flapping)));
    assertEquals(List.of(), r.events());
    assertEquals(List.of(), r.wouldRun());
    assertEquals(15, r.sweeps());
  }

  @Test
  void enforceOnAnApprovedHostRunsTheRemediation() throws Exception {
    Path rec = Scenario.write(dir.resolve("rec.jsonl"),
        Scenario.sweeps(200, "worker", Scenario.constant(95, 10)));
    Replayer.Result r = replay(enforceApproved(), rec);
    assertEquals(List.of("capture_identity:run:all", "capture_pmap:run:all", "set_oom_score_adj:run:all"),
        decisions(r));
    assertEquals(3, r.wouldRun().size());
  }

  @Test
  void theRecordingMedicIsNeverRemediatedEvenWhenEnforcing() throws Exception {
    // the hog is the Medic that recorded (header medicPid 4242): its comm "java" is not protected by name
    Path rec = Scenario.write(dir.resolve("self.jsonl"),
        Scenario.sweeps(Scenario.MEDIC_PID, "java", Scenario.constant(95, 10)));
    Replayer.Result r = replay(enforceApproved(), rec);
    assertEquals(Scenario.MEDIC_PID, events(r, "plan").get(0).get("pid"));
    assertEquals(List.of("capture_identity:run:all", "capture_pmap:run:all",
        "set_oom_score_adj:denied:protected-target"), decisions(r));
    assertEquals("pid 4242 is Medic itself", events(r, "decision").get(2).get("reason"));
    assertEquals(List.of("capture_identity", "capture_pmap"), r.wouldRun().stream().map(Submitted::action).toList());
    assertTrue(r.wouldRun().stream().allMatch(s -> s.pid() == Scenario.MEDIC_PID));
  }

  @Test
  void protectionFollowsTheRecordingsPidNotTheReplayingProcess() throws Exception {
    int replayingPid = (int) ProcessHandle.current().pid();
    assumeFalse(Set.of(1, 2, 100, 300, 400, Scenario.MEDIC_PID).contains(replayingPid), "pid collides");
    // the hog has the replaying JVM's pid, but the recording Medic was 4242: the hog is a normal target
    Path rec = Scenario.write(dir.resolve("rec.jsonl"),
        Scenario.sweeps(replayingPid, "java", Scenario.constant(95, 10)));
    Replayer.Result r = replay(enforceApproved(), rec);
    assertEquals("set_oom_score_adj:run:all", decisions(r).get(2));
  }

  @Test
  void aDamagedRecordingFailsTheReplayWithItsLine() throws Exception {
    Path rec = Scenario.write(dir.resolve("rec.jsonl"),
        Scenario.sweeps(200, "worker", Scenario.constant(95, 3)));
    Files.writeString(rec, "{\"type\":\"cgroup\",\"ts\":", java.nio.file.StandardOpenOption.APPEND);
    RecordingException e = assertThrows(RecordingException.class, () -> adviseReplay(rec));
    assertTrue(e.getMessage().startsWith(rec + ":23: "), e.getMessage());
  }
}
