package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link RssHistory}: least-squares growth per minute over synthetic series with injected timestamps. */
class RssHistoryTest {

  private static final long MIB = 1024 * 1024;
  private static final long T0 = 1_700_000_000_000L;
  private static final long START = 12345; // stat starttime ticks

  @Test
  void aSteadyLeakOfTwentyMibAMinuteOverFifteenMinutesOfTwoSecondSweeps() {
    RssHistory history = new RssHistory();
    Double growth = null;
    for (long t = 0; t <= 15 * 60_000; t += 2_000) { // 451 sweeps, far more than the 120 points kept
      growth = history.record(7, START, T0 + t, 500 * MIB + 20 * MIB * t / 60_000);
    }
    assertEquals(20.0 * MIB, growth, 1e-6 * MIB);
    assertTrue(history.points(7) <= RssHistory.MAX_POINTS, "bounded: " + history.points(7));
  }

  @Test
  void aGarbageCollectorSawtoothIsNoLeak() {
    // a heap that climbs 60 MiB and drops back every minute, for 15 minutes: flat on average
    RssHistory history = new RssHistory();
    Double growth = null;
    for (long t = 0; t <= 15 * 60_000; t += 2_000) {
      growth = history.record(7, START, T0 + t, 400 * MIB + 60 * MIB * (t % 60_000) / 60_000);
    }
    assertTrue(Math.abs(growth) < 1.0 * MIB, "slope of a sawtooth: " + growth / MIB + " MiB/min");
  }

  @Test
  void nullUntilThreePointsSpanningThirtySeconds() {
    RssHistory history = new RssHistory();
    assertNull(history.record(1, START, T0, 100 * MIB));
    assertNull(history.record(1, START, T0 + 60_000, 110 * MIB)); // 60 s but two points
    RssHistory quick = new RssHistory();
    assertNull(quick.record(1, START, T0, 100 * MIB));
    assertNull(quick.record(1, START, T0 + 10_000, 101 * MIB));
    assertNull(quick.record(1, START, T0 + 20_000, 102 * MIB)); // three points, 20 s
    assertEquals(6.0 * MIB, quick.record(1, START, T0 + 30_000, 103 * MIB), 1e-6);
  }

  @Test
  void shrinkingIsNegative() {
    RssHistory history = new RssHistory();
    history.record(1, START, T0, 300 * MIB);
    history.record(1, START, T0 + 30_000, 290 * MIB);
    assertEquals(-20.0 * MIB, history.record(1, START, T0 + 60_000, 280 * MIB), 1e-6);
  }

  @Test
  void aReusedPidStartsANewHistory() {
    RssHistory history = new RssHistory();
    history.record(42, START, T0, 100 * MIB);
    history.record(42, START, T0 + 30_000, 200 * MIB);
    assertNotNull(history.record(42, START, T0 + 60_000, 300 * MIB));
    // same pid, another start time: a different process, whose first point says nothing about a trend
    assertNull(history.record(42, START + 9000, T0 + 90_000, 10 * MIB));
    assertEquals(1, history.points(42));
  }

  @Test
  void processesNotSeenInASweepAreEvicted() {
    RssHistory history = new RssHistory();
    for (int pid = 1; pid <= 5; pid++) {
      history.record(pid, START, T0, MIB);
    }
    assertEquals(5, history.size());
    history.retain(Set.of(2, 4, 99));
    assertEquals(2, history.size());
    assertEquals(0, history.points(1));
    assertEquals(1, history.points(2));
  }

  @Test
  void pointsOlderThanTheWindowStopCounting() {
    RssHistory history = new RssHistory();
    long t = 0;
    for (; t <= 20 * 60_000; t += 10_000) { // 20 minutes of a leak…
      history.record(1, START, T0 + t, 100 * MIB + 50 * MIB * t / 60_000);
    }
    long plateau = 100 * MIB + 50 * MIB * (t - 10_000) / 60_000;
    Double growth = null;
    for (long end = t + 16 * 60_000; t <= end; t += 10_000) { // …then 16 minutes flat
      growth = history.record(1, START, T0 + t, plateau);
    }
    assertEquals(0.0, growth, 1e-9); // the leak is more than 15 minutes old
  }

  @Test
  void aClockSteppedBackRestarts() {
    RssHistory history = new RssHistory();
    history.record(1, START, T0, 100 * MIB);
    history.record(1, START, T0 + 30_000, 100 * MIB);
    assertEquals(0.0, history.record(1, START, T0 + 60_000, 100 * MIB), 1e-9);
    assertNull(history.record(1, START, T0 - 3_600_000, 100 * MIB));
    assertEquals(1, history.points(1));
  }

  @Test
  void samplesInOneTimeSlotAreAveragedIntoOnePoint() {
    long slot = (RssHistory.WINDOW_MILLIS + RssHistory.MAX_POINTS - 3) / (RssHistory.MAX_POINTS - 2);
    long s0 = (T0 / slot + 1) * slot; // the start of a slot
    RssHistory history = new RssHistory();
    history.record(1, START, s0, 100 * MIB);
    history.record(1, START, s0 + 2_000, 104 * MIB);
    history.record(1, START, s0 + 4_000, 108 * MIB); // one slot: one point at (s0 + 2 s, 104 MiB)
    assertEquals(1, history.points(1));
    history.record(1, START, s0 + 4 * slot, 104 * MIB);
    assertEquals(0.0, history.record(1, START, s0 + 8 * slot, 104 * MIB), 1e-6);
    assertEquals(3, history.points(1));
  }

  @Test
  void tooSmallAWindowOrCapIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RssHistory(1_000, 120));
    assertThrows(IllegalArgumentException.class, () -> new RssHistory(RssHistory.WINDOW_MILLIS, 3));
    RssHistory small = new RssHistory(60_000, 6);
    for (long t = 0; t <= 600_000; t += 1_000) {
      small.record(1, START, T0 + t, MIB * t);
    }
    assertTrue(small.points(1) <= 6);
  }
}
