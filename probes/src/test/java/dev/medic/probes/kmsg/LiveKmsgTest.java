package dev.medic.probes.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.KernelEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real {@code /dev/kmsg}: as root, a line written to the device is appended to the kernel log (facility
 * LOG_USER, the level from its {@code <N>} prefix), which proves the source streams what is logged, and that it
 * tells such a line from the kernel's own.
 */
@EnabledOnOs(OS.LINUX)
class LiveKmsgTest {

  private static final Path DEVICE = Path.of("/dev/kmsg");

  @BeforeEach
  void requireRoot() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to write /dev/kmsg");
    assumeTrue(Files.isWritable(DEVICE) && Files.isReadable(DEVICE), "/dev/kmsg not readable and writable");
  }

  /** Appends a TCP-out-of-memory record tagged with a fresh marker to the kernel log; returns the marker. */
  private static String logMarker() throws IOException {
    String marker = "medic-test-" + UUID.randomUUID();
    // WRITE only: the default CREATE/TRUNCATE_EXISTING options make no sense on a device
    Files.writeString(DEVICE, "<4>" + marker + ": TCP: out of memory -- consider tuning tcp_mem\n",
        StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    return marker;
  }

  private static Optional<KernelEvent> find(List<Fact> facts, String marker) {
    return facts.stream().filter(f -> f instanceof KernelEvent e && e.message().contains(marker))
        .map(KernelEvent.class::cast).findFirst();
  }

  /**
   * A line written to the device after the start is streamed, recognised as written by user space (facility
   * LOG_USER: the kernel never lets a process log as itself) and dropped: counted as forged, never a fact.
   */
  @Test
  void streamsARecordLoggedAfterTheStart() throws Exception {
    ProbeMetrics metrics = new ProbeMetrics();
    KernelLogSource source = KernelLogSource.start(HostRoot.live(), false, metrics);
    try {
      assertEquals(KernelLogSource.Origin.DEVICE, source.origin());
      // printk stamps (local_clock) run a few ms behind CLOCK_MONOTONIC here: a line logged within that lag of the
      // start would carry a stamp from before it and be skipped as old, so the line is logged a little later
      Thread.sleep(50);
      long before = System.currentTimeMillis();
      String marker = logMarker();
      List<Fact> seen = new ArrayList<>();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while ((source.lastForged() == null || !source.lastForged().message().contains(marker))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
        long sweep = System.currentTimeMillis();
        List<Fact> drained = source.drain(sweep);
        assertTrue(drained.stream().allMatch(f -> f.timestamp() == sweep));
        seen.addAll(drained);
      }
      long after = System.currentTimeMillis();
      KmsgRecord forged = source.lastForged();
      assertTrue(forged != null && forged.message().contains(marker), "not streamed: " + marker + ", " + metrics);
      assertEquals(KmsgRecord.USER, forged.facility());
      assertEquals(4, forged.priority());
      assertTrue(metrics.forgedRecords() >= 1, metrics.toString());
      seen.addAll(source.drain(after));
      assertTrue(find(seen, marker).isEmpty(), "a forged line became a fact: " + seen);
      // the stamp, on the wall clock: boot time comes from /proc/uptime (10 ms steps) and printk stamps lag the
      // monotonic clock by a few ms (about 2 ms on this machine), so the record may read up to ~12 ms before
      // 'before'; 100 ms each way holds that with room and still catches a clock that is off
      long kernelTime = KernelClock.readOrJvm(HostRoot.live(), metrics).kernelTime(forged.monotonicMicros());
      assertTrue(kernelTime >= before - 100 && kernelTime <= after + 100,
          kernelTime + " not in [" + before + " - 100, " + after + " + 100]");
    } finally {
      source.close();
    }
    assertTrue(source.awaitEnd(0), "close() ends the thread blocked in read(2)");
    assertEquals(0, metrics.failedReads(), metrics.toString());
  }

  /** History reads the buffer up to the call: the line logged before it is read, and dropped as forged. */
  @Test
  void historyFindsARecordLoggedBeforeTheCall() throws IOException {
    String marker = logMarker();
    long start = System.nanoTime();
    ProbeMetrics metrics = new ProbeMetrics();
    List<Fact> history = KernelLogSource.history(HostRoot.live(), 7L, metrics);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(find(history, marker).isEmpty(), "a line written by user space became a fact");
    assertTrue(metrics.forgedRecords() >= 1, "the marker was not read: " + metrics);
    assertTrue(history.stream().allMatch(f -> f.timestamp() == 7L));
    assertTrue(millis < 10_000, "history took " + millis + " ms");
  }
}
