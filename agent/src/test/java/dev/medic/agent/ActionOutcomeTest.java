package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.runbook.Guards;
import dev.medic.engine.runbook.Severity;
import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.ProcessSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every action the gates passed ends in exactly one journalled outcome, under a flood (200 plans of two real
 * captures each at once, as 200 forged OOM kills did: before, 250 of 401 left no trace) and at a stop whose
 * deadline passes with work still queued.
 */
class ActionOutcomeTest {

  private static final Set<String> OUTCOMES = Set.of("ok", "failed", "timed_out", "target_gone", "dropped");
  private Process target;

  @AfterEach
  void stop() throws InterruptedException {
    if (target != null) {
      target.destroyForcibly().waitFor();
    }
  }

  @Test
  void aFloodOfPlansEndsInOneOutcomePerPassedAction(@TempDir Path tmp) throws Exception {
    target = new ProcessBuilder("sleep", "120").start();
    MemoryJournal journal = new MemoryJournal();
    MedicMetrics metrics = MedicMetrics.simple();
    LiveExecutor executor = new LiveExecutor(ActionRegistry.builtin(), HostRoot.live(), tmp.resolve("evidence"),
        Duration.ofSeconds(5), journal, metrics);
    int plans = 200;
    for (int i = 0; i < plans; i++) {
      executor.submit(plan("inc-" + i, (int) target.pid()), List.of(
          new PlannedAction("capture_identity", Map.of(), false), new PlannedAction("capture_pmap", Map.of(), false)));
    }
    executor.drain(2_000); // the stop deadline passes with plans still queued
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Integer> byStatus = new HashMap<>();
    for (JournalEvent e : journal.events()) {
      if (e instanceof ActionEvent a) {
        seen.merge(a.incident() + "/" + a.action(), 1, Integer::sum);
        byStatus.merge(a.status(), 1, Integer::sum);
        assertTrue(OUTCOMES.contains(a.status()), a.toString());
        if (a.status().equals("dropped")) {
          assertTrue(a.detail().startsWith("not run: "), a.detail());
        }
      }
    }
    System.out.printf("flood: %d plans, %d passed actions, outcomes %s%n", plans, 2 * plans, byStatus);
    assertEquals(2 * plans, seen.size(), "every passed action has an outcome: " + byStatus);
    assertTrue(seen.values().stream().allMatch(n -> n == 1), "exactly one outcome each");
    assertTrue(byStatus.getOrDefault("dropped", 0) > 0, "the bounded queue dropped some: " + byStatus);
    assertEquals((long) byStatus.getOrDefault("dropped", 0), executor.dropped());
    assertEquals((double) executor.dropped(),
        metrics.count("medic.actions", "action", "capture_pmap", "status", "dropped")
            + metrics.count("medic.actions", "action", "capture_identity", "status", "dropped"));
    // after the stop, a late plan is dropped too, never lost
    executor.submit(plan("late", (int) target.pid()), List.of(new PlannedAction("capture_identity", Map.of(),
        false)));
    ActionEvent late = (ActionEvent) journal.events().get(journal.events().size() - 1);
    assertEquals("dropped", late.status());
    assertEquals("not run: the agent is stopping", late.detail());
  }

  @Test
  void anEvidenceFolderThatCannotBeMadeFailsEachAction(@TempDir Path tmp) throws Exception {
    target = new ProcessBuilder("sleep", "120").start();
    java.nio.file.Files.writeString(tmp.resolve("evidence"), "a file where the folder should be");
    MemoryJournal journal = new MemoryJournal();
    LiveExecutor executor = new LiveExecutor(ActionRegistry.builtin(), HostRoot.live(), tmp.resolve("evidence"),
        Duration.ofSeconds(5), journal, MedicMetrics.simple());
    executor.submit(plan("inc", (int) target.pid()), List.of(new PlannedAction("capture_identity", Map.of(), false),
        new PlannedAction("capture_top", Map.of(), false)));
    executor.drain(10_000);
    List<ActionEvent> outcomes = journal.events().stream().filter(ActionEvent.class::isInstance)
        .map(ActionEvent.class::cast).toList();
    assertEquals(2, outcomes.size(), journal.events().toString());
    outcomes.forEach(a -> assertEquals("failed", a.status()));
    assertTrue(outcomes.get(0).detail().contains("cannot create the evidence folder"), outcomes.toString());
  }

  static Plan plan(String incident, int pid) {
    ProcessSample target = new ProcessSample(System.currentTimeMillis(), pid, 1, "sleep", "sleep 120", 0, "S",
        1 << 20, 0L, "/", 0, 0, null, null, false);
    return new Plan(incident, "flood", "rule", System.currentTimeMillis(), Severity.values()[0], "process",
        target, List.of(), "a flood", "", List.of(), Optional.empty(), Guards.defaults(), List.of());
  }
}
