package dev.medic.probes.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.KernelEvent;
import dev.medic.probes.facts.OomKill;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link FactQueue}. */
class FactQueueTest {

  private final ProbeMetrics metrics = new ProbeMetrics();

  private static KernelEvent event(int n) {
    return new KernelEvent(0, n, "syn_flood", 6, "event " + n);
  }

  private static OomKill kill(int pid) {
    return new OomKill(0, 5, pid, "x", 0, 1L, 1L, 1L, 0, null, null, true, null, null, false);
  }

  @Test
  void drainRestampsInOrderAndEmpties() {
    FactQueue queue = new FactQueue(10, metrics);
    queue.add(event(1));
    queue.add(kill(7));
    List<Fact> drained = queue.drain(42L);
    assertEquals(List.of(new KernelEvent(42L, 1, "syn_flood", 6, "event 1"),
        new OomKill(42L, 5, 7, "x", 0, 1L, 1L, 1L, 0, null, null, true, null, null, false)), drained);
    assertEquals(List.of(), queue.drain(43L));
  }

  @Test
  void overflowDropsTheOldestAndCounts() {
    FactQueue queue = new FactQueue(3, metrics);
    for (int i = 1; i <= 5; i++) {
      queue.add(event(i));
    }
    List<Fact> drained = queue.drain(1L);
    assertEquals(List.of(3L, 4L, 5L), drained.stream().map(f -> ((KernelEvent) f).kernelTime()).toList());
    assertEquals(2, metrics.skippedRecords());
  }

  @Test
  void reaperMarksTheNewestUndrainedKillOfThatPid() {
    FactQueue queue = new FactQueue(10, metrics);
    queue.add(kill(7));
    queue.add(kill(8));
    queue.add(kill(7));
    assertTrue(queue.markReaped(7));
    List<Boolean> reaped = queue.drain(1L).stream().map(f -> ((OomKill) f).reaped()).toList();
    assertEquals(List.of(false, false, true), reaped);
    assertFalse(queue.markReaped(7), "drained already: nothing to mark");
  }
}
