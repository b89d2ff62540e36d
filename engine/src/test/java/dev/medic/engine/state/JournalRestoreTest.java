package dev.medic.engine.state;

import static dev.medic.engine.testing.Samples.cgroup;
import static dev.medic.engine.testing.Samples.memory;
import static dev.medic.engine.testing.Samples.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.exec.RecordingExecutor;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.engine.session.Fired;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart recovery as a pure function: journal events in, the engine's memory out; and an engine restored from a
 * first engine's journal keeps that engine's cooldown, rate-limit count and pending approval.
 */
class JournalRestoreTest {

  static CompiledRunbooks compiled;

  @BeforeAll
  static void compile(@TempDir Path dir) throws Exception {
    Path rb = dir.resolve("hog.yaml");
    Files.writeString(rb, """
        id: hog
        when:
          any:
            - fact: cgroup
              where: usagePercent >= 90%
              for: 10s
            - fact: memory
              where: usedPercent >= 95%
              for: 10s
        target: top_process_by_pss
        steps: [capture_identity]
        remediate:
          - set_oom_score_adj: {value: 500}
        guards: {cooldown: 1m, maxPerHour: 2, requireApproval: true}
        """);
    compiled = CompiledRunbooks.load(List.of(rb), ActionRegistry.builtin());
  }

  private static Engine engine(Journal journal) {
    return compiled.engine(new GateSettings(Mode.ENFORCE, true, Set.of("sshd"), Set.of()), 4242,
        new RecordingExecutor(), journal);
  }

  /** Sweeps every 2 s from {@code start} for {@code seconds}, the cgroup /app at 95%. */
  private static List<Decision> run(Engine engine, long start, int seconds) {
    List<Decision> all = new ArrayList<>();
    for (long ts = start; ts < start + seconds * 1000L; ts += 2000) {
      all.addAll(engine.accept(ts, List.of(cgroup(ts, "/app", 95), memory(ts, 40),
          process(ts, 200, "hog", "/app/worker", 80))));
    }
    return all;
  }

  private static List<Long> planTimes(List<Decision> ds) {
    return ds.stream().map(Decision::timestamp).distinct().toList();
  }

  @Test
  void aRestartedEngineKeepsTheCooldownTheCountAndThePendingApproval() {
    MemoryJournal journal = Journal.inMemory();
    Engine first = engine(journal);
    assertEquals(List.of(1_010_000L), planTimes(run(first, 1_000_000, 16)), "the first run planned once");
    assertEquals(1, first.approvals().list().size(), "its remediation waits for approval");
    first.close();

    // the restart: 10 s later; without the journal the window is covered again 10 s in, and a plan follows
    long restart = 1_020_000;
    Engine forgetful = engine(Journal.discard());
    assertEquals(1_030_000L, planTimes(run(forgetful, restart, 130)).get(0), "the control: no memory, a plan at once");
    forgetful.close();

    RestoredState state = JournalRestore.restore(journal.events(), compiled.runbooks(), restart);
    assertEquals(List.of(new Fired("hog#0", "/app", 1_010_000)), state.fired());
    assertEquals(Map.of("hog", List.of(1_010_000L)), state.rateLimited());
    assertEquals(1, state.pending().size());
    Engine second = engine(Journal.discard());
    second.restore(state, restart);
    List<Decision> after = run(second, restart, 130);
    // quiet until the cooldown of the first plan passed (1 m after 1_010_000), then one more plan is allowed
    // (maxPerHour 2 counts the first run's plan), and the next after another cooldown is denied whole
    assertEquals(List.of(1_070_000L, 1_130_000L), planTimes(after), after.toString());
    assertTrue(after.stream().filter(d -> d.timestamp() == 1_070_000L).noneMatch(d -> d.gate().equals("rate-limit")));
    assertTrue(after.stream().filter(d -> d.timestamp() == 1_130_000L).allMatch(d -> d.gate().equals("rate-limit")),
        after.toString());
    PendingApproval pending = second.approvals().list().get(0);
    assertEquals(state.pending().get(0), pending, "the restored approval is listed first");
    assertEquals("set_oom_score_adj", pending.action());
    assertEquals("cgroup /app", pending.scope());
    assertEquals(2, second.approvals().list().size(), "and the new plan's approval after it");
    second.close();
  }

  private static PlanEvent plan(long ts, String rule, String scope, int pid) {
    String rb = rule.substring(0, rule.indexOf('#'));
    return new PlanEvent(ts, rb + "-" + ts + "-" + pid, rb, rule, "warning", List.of(), scope, pid, "hog", "hog",
        List.of("because"), "summary", "", List.of("capture_identity", "set_oom_score_adj"));
  }

  private static DecisionEvent decision(PlanEvent p, String action, String verdict, String gate) {
    return new DecisionEvent(p.ts(), p.incident(), p.runbook(), p.pid(), p.comm(), action, verdict, gate, "why");
  }

  @Test
  void cooldownsEndRulesOfOtherRunbooksAreIgnoredAndTheHostRuleIsKeyedHost() {
    PlanEvent old = plan(1_000_000, "hog#0", "cgroup /a", 7);
    PlanEvent recent = plan(1_050_000, "hog#0", "cgroup /b", 8);
    PlanEvent host = plan(1_055_000, "hog#1", "host", 9);
    PlanEvent gone = plan(1_055_000, "removed#0", "host", 9);
    PlanEvent renumbered = plan(1_055_000, "hog#7", "host", 9);
    RestoredState s = JournalRestore.restore(List.of(old, recent, host, gone, renumbered), compiled.runbooks(),
        1_070_000);
    // /a planned 70 s before the restore: its 1 m cooldown is over
    assertEquals(List.of(new Fired("hog#0", "/b", 1_050_000), new Fired("hog#1", "host", 1_055_000)), s.fired());
  }

  @Test
  void anOomKillPlanIsKeyedByItsVictimsPidNotItsCgroup() throws Exception {
    CompiledRunbooks oom = CompiledRunbooks.load(List.of(Path.of("../runbooks/after-oom-kill.yaml")),
        ActionRegistry.builtin());
    PlanEvent kill = plan(1_000_000, "after-oom-kill#0", "cgroup /system.slice/worker.service", 2611);
    assertEquals(List.of(new Fired("after-oom-kill#0", "2611", 1_000_000)),
        JournalRestore.restore(List.of(kill), oom.runbooks(), 1_000_001).fired());
  }

  @Test
  void onlyPlansTheRateLimitAdmittedAreCountedAndOnlyForAnHour() {
    PlanEvent protectedTarget = plan(4_000_000, "hog#0", "cgroup /a", 1);
    PlanEvent limited = plan(4_001_000, "hog#0", "cgroup /b", 2);
    PlanEvent admitted = plan(4_002_000, "hog#0", "cgroup /c", 3);
    PlanEvent hourAgo = plan(4_003_000 - Duration.ofHours(1).toMillis(), "hog#0", "cgroup /d", 4);
    List<JournalEvent> events = List.of(
        hourAgo, decision(hourAgo, "capture_identity", "run", "all"),
        protectedTarget, decision(protectedTarget, "capture_identity", "denied", "protected-target"),
        limited, decision(limited, "capture_identity", "denied", "rate-limit"),
        admitted, decision(admitted, "capture_identity", "run", "all"),
        decision(admitted, "set_oom_score_adj", "proposed", "approval"));
    RestoredState s = JournalRestore.restore(events, compiled.runbooks(), 4_003_000);
    assertEquals(Map.of("hog", List.of(4_002_000L)), s.rateLimited());
    assertEquals(List.of(admitted.incident() + "/set_oom_score_adj"), s.pending().stream().map(PendingApproval::id)
        .toList());
  }

  @Test
  void anApprovalOlderThanItsTtlIsNotPendingAndAdviseProposalsAreNotApprovals() {
    PlanEvent old = plan(1_000_000, "hog#0", "cgroup /a", 1);
    PlanEvent advised = plan(1_000_000 + Duration.ofDays(1).toMillis(), "hog#0", "cgroup /b", 2);
    List<JournalEvent> events = List.of(old, decision(old, "set_oom_score_adj", "proposed", "approval"),
        advised, decision(advised, "set_oom_score_adj", "proposed", "mode"));
    RestoredState s = JournalRestore.restore(events, compiled.runbooks(), 1_000_001 + Duration.ofDays(1).toMillis());
    assertEquals(List.of(), s.pending());
  }

  @Test
  void aDecisionWithoutItsPlanIsIgnored() {
    PlanEvent p = plan(1_000_000, "hog#0", "cgroup /a", 1);
    RestoredState s = JournalRestore.restore(List.of(decision(p, "set_oom_score_adj", "proposed", "approval")),
        compiled.runbooks(), 1_000_001);
    assertEquals(RestoredState.EMPTY, s);
  }
}
