package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.ProbeMetrics;
import org.junit.jupiter.api.Test;

/** The guard on Medic's own memory: over the budget it sheds, without one it never does. */
class MemoryGuardTest {

  @Test
  void shedsOnlyAboveAPositiveBudget() {
    assertTrue(MemoryGuard.over(97L << 20, 96L << 20));
    assertFalse(MemoryGuard.over(95L << 20, 96L << 20));
    assertFalse(MemoryGuard.over(null, 96L << 20));
    assertFalse(MemoryGuard.over(1L << 40, 0));
  }

  @Test
  void readsThisProcesssOwnRss() {
    // this JVM holds more than 1 MiB and less than 1 TiB
    assertTrue(new MemoryGuard(1L << 20, new ProbeMetrics()).shedding());
    assertFalse(new MemoryGuard(1L << 40, new ProbeMetrics()).shedding());
    assertFalse(new MemoryGuard(0, new ProbeMetrics()).shedding());
  }

  @Test
  void aBadBudgetIsAOneLineError() {
    String before = System.getProperty(MemoryGuard.PROPERTY);
    try {
      System.setProperty(MemoryGuard.PROPERTY, "lots");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MemoryGuard.configured(new ProbeMetrics()));
      assertTrue(e.getMessage().startsWith("-Dmedic.memoryBudgetMiB: expected MiB"), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(MemoryGuard.PROPERTY);
      } else {
        System.setProperty(MemoryGuard.PROPERTY, before);
      }
    }
  }
}
