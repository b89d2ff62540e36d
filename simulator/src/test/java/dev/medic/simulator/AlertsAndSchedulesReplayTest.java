package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.MaintenanceWindow;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.schedule.Cron;
import dev.medic.probes.facts.AlertFact;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ScheduleTick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts from Alertmanager and runbook schedules in recordings: an alert fact is written and read back unchanged,
 * and a replay fires a scheduled runbook at the cron's times on the recording's clock (not the machine's), the same
 * way every time; a maintenance window turns enforce into proposals naming the window, in replay as live.
 */
class AlertsAndSchedulesReplayTest {

  @TempDir
  Path dir;

  static final String ALERT_RUNBOOK = """
      id: alert-memory
      when:
        fact: alert
        where: [status == firing, 'alertname in [NodeMemoryHigh, HostOutOfMemory]']
      target: top_process_by_pss
      steps: [capture_top]
      remediate:
        - set_oom_score_adj: {value: 500}
      guards: {cooldown: 1m}
      """;

  /** Every five minutes: T0 is 22:40:00 UTC, so 22:45, 22:50 and 22:55 fall inside a 20-minute recording. */
  static final String SCHEDULED_RUNBOOK = """
      id: five-minute-report
      schedule: "0 0/5 * * * ?"
      when: {fact: schedule}
      target: top_process_by_pss
      steps: [capture_top]
      guards: {cooldown: 1m}
      """;

  static AlertFact alert(long ts, String name, String status) {
    return new AlertFact(ts, "f00d" + name.length(), name, status, "critical", "db1:9100", "node",
        "instance=db1:9100,job=node,severity=critical", "memory above 95% on db1 \"quoted\"", ts - 60_000,
        status.equals("resolved") ? ts : null);
  }

  /** One sweep a minute for 20 minutes; alerts at minute 3 (one firing that matches, one that does not). */
  static List<List<Fact>> sweeps() {
    List<List<Fact>> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long ts = Scenario.T0 + i * 60_000L;
      List<Fact> facts = new ArrayList<>(List.of(
          Scenario.process(ts, 100, "small", "/app", 10),
          Scenario.process(ts, 200, "hog", "/app/child", 80)));
      if (i == 3) {
        facts.add(alert(ts, "NodeMemoryHigh", "firing"));
        facts.add(alert(ts, "TargetDown", "firing"));
      }
      if (i == 4) {
        facts.add(alert(ts, "NodeMemoryHigh", "resolved"));
      }
      out.add(facts);
    }
    return out;
  }

  private CompiledRunbooks runbooks() throws Exception {
    return CompiledRunbooks.load(List.of(Files.writeString(dir.resolve("alert.yaml"), ALERT_RUNBOOK),
        Files.writeString(dir.resolve("report.yaml"), SCHEDULED_RUNBOOK)), ActionRegistry.builtin());
  }

  private static GateSettings enforce() {
    return new GateSettings(Mode.ENFORCE, true, GateSettings.DEFAULT_PROTECTED, Set.of());
  }

  @Test
  void alertFactsAndTicksRoundTripThroughARecording() throws Exception {
    List<Fact> sweep = List.of(alert(Scenario.T0, "NodeMemoryHigh", "firing"),
        alert(Scenario.T0, "NodeMemoryHigh", "resolved"), new ScheduleTick(Scenario.T0, "r", "0 0 3 * * ?", 5L));
    Path file = Scenario.write(dir.resolve("rec.jsonl"), List.of(sweep));
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals(Optional.of(sweep), reader.next().map(RecordingReader.Sweep::facts));
    }
    for (Fact f : sweep) { // the general path (data binding) agrees with the streaming decoder
      assertEquals(Optional.of(f), FactCodec.decode(FactCodec.encode(f)));
    }
  }

  @Test
  void schedulesFireOnTheRecordingsClockAndReplayTheSame() throws Exception {
    Path file = Scenario.write(dir.resolve("rec.jsonl"), sweeps());
    Replayer replayer = new Replayer(runbooks(), enforce());
    Replayer.Result first = replayer.replay(file);
    List<String> plans = first.events().stream().filter(PlanEvent.class::isInstance).map(e -> (PlanEvent) e)
        .map(p -> p.runbook() + "@" + Instant.ofEpochMilli(p.ts()) + ":" + p.pid()).toList();
    assertEquals(List.of(
        "alert-memory@2024-11-24T22:43:00Z:200",
        "five-minute-report@2024-11-24T22:45:00Z:200",
        "five-minute-report@2024-11-24T22:50:00Z:200",
        "five-minute-report@2024-11-24T22:55:00Z:200"), plans);
    // the same again, byte for byte: no thread, no wall clock
    List<String> lines = first.events().stream().map(JournalCodec::line).toList();
    for (int i = 0; i < 2; i++) {
      assertEquals(lines, replayer.replay(file).events().stream().map(JournalCodec::line).toList());
    }
  }

  @Test
  void aMaintenanceWindowTurnsEnforceIntoProposalsThatNameIt() throws Exception {
    Path file = Scenario.write(dir.resolve("rec.jsonl"), sweeps());
    // 22:40 to 22:44: the alert's plan at 22:43 falls inside
    MaintenanceWindow window = MaintenanceWindow.between("db-migration", Instant.ofEpochMilli(Scenario.T0),
        Instant.ofEpochMilli(Scenario.T0).plus(Duration.ofMinutes(4)));
    List<DecisionEvent> inside = decisions(new Replayer(runbooks(), enforce().withMaintenance(List.of(window)))
        .replay(file));
    DecisionEvent adj = inside.stream().filter(d -> d.action().equals("set_oom_score_adj")).findFirst().orElseThrow();
    assertEquals("proposed", adj.verdict());
    assertEquals("maintenance", adj.gate());
    assertTrue(adj.reason().contains("maintenance window 'db-migration'"), adj.reason());
    assertEquals("run", inside.stream().filter(d -> d.action().equals("capture_top")).findFirst().orElseThrow()
        .verdict(), "captures still run in a window");
    // a recurring window that opens at 23:00 for an hour is closed at 22:43: the action runs
    MaintenanceWindow later = MaintenanceWindow.recurring("nightly", Cron.parse("0 0 23 * * ?"), Duration.ofHours(1));
    List<DecisionEvent> outside = decisions(new Replayer(runbooks(), enforce().withMaintenance(List.of(later)))
        .replay(file));
    assertEquals("run", outside.stream().filter(d -> d.action().equals("set_oom_score_adj")).findFirst()
        .orElseThrow().verdict());
  }

  private static List<DecisionEvent> decisions(Replayer.Result r) {
    return r.events().stream().filter(DecisionEvent.class::isInstance).map(e -> (DecisionEvent) e).toList();
  }
}
