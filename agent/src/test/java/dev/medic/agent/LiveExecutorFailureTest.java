package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.runbook.Guards;
import dev.medic.engine.runbook.Severity;
import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.ProcessSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An action that ends {@code failed} is a failure: journalled as failed and counted in the stop line's
 * {@code actionFailures} (a failed {@code restart_unit} used to count 0). The unit name here is refused by the
 * action's own check, so nothing on the host is touched.
 */
class LiveExecutorFailureTest {

  @Test
  void aFailedRestartUnitIsCountedAsAFailure(@TempDir Path tmp) throws Exception {
    MemoryJournal journal = Journal.inMemory();
    LiveExecutor executor = new LiveExecutor(ActionRegistry.builtin(), HostRoot.live(), tmp.resolve("evidence"),
        Duration.ofSeconds(5), journal, MedicMetrics.simple());
    ProcessSample target = new ProcessSample(1000, 999_999, 1, "app", "app --serve", 1000, "S", 10L << 20, 0L,
        "/app", 700, 0, 8L << 20, 8L << 20, false);
    Plan plan = new Plan("svc-1", "svc", "svc#0", 1000, Severity.WARNING, "host", target, List.of("because"),
        "summary", "", List.of(), Optional.empty(), new Guards(Duration.ofMinutes(1), Optional.empty(), false, false),
        List.of());
    executor.submit(plan, List.of(new PlannedAction("restart_unit", Map.of("unit", "-not-a-unit"), true)));
    executor.drain(10_000);
    ActionEvent event = (ActionEvent) journal.events().get(0);
    assertEquals("failed", event.status());
    assertTrue(event.detail().startsWith("bad parameters"), event.detail());
    assertEquals(1, executor.failures());
  }
}
