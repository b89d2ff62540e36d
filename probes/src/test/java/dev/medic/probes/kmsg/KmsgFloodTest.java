package dev.medic.probes.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.KernelEvent;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel-log flood: {@code -Dmedic.campaign.kmsg.seconds} (default 3) seconds of 10,000 lines a second, kernel
 * events mixed with lines user space forged, in one fixture stream read as fast as the reader goes, with sweeps
 * draining every 100 ms meanwhile. Held: memory bounded (the queue never holds more than its capacity, the heap
 * grows by less than 64 MiB), and every record accounted for: delivered + dropped (counted as skipped) = the
 * kernel's records, forged = the forged ones. Then the same stream with no sweep draining until it ended (a
 * stalled engine): the queue holds its 10,000 and every record beyond is counted as dropped.
 */
class KmsgFloodTest {

  private static final List<String> NO_JOURNAL = List.of("/nonexistent/journalctl");

  @Test
  void tenThousandLinesASecondAreBoundedAndEveryDropIsCounted(@TempDir Path root) throws Exception {
    int seconds = Integer.getInteger("medic.campaign.kmsg.seconds", 3);
    long seed = Long.getLong("medic.campaign.seed", 20261204L);
    Random random = new Random(seed);
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("dev"));
    Files.writeString(root.resolve("proc/uptime"), "100000.00 1000.00\n");
    int kernel = 0;
    int forged = 0;
    try (BufferedWriter out = Files.newBufferedWriter(root.resolve("dev/kmsg"), StandardCharsets.UTF_8)) {
      for (int i = 0; i < seconds * 10_000; i++) {
        long micros = 1_000_000L + i * 100L; // 10,000 a second of kernel time
        if (random.nextInt(4) == 0) {
          forged++; // facility 1 (user), as a process writing to /dev/kmsg gets
          out.write("12," + i + "," + micros + ",-;Out of memory: Killed process " + (1000 + i) + " (sshd)\n");
        } else {
          kernel++;
          out.write("4," + i + "," + micros + ",-;TCP: out of memory -- consider tuning tcp_mem\n");
        }
      }
    }
    ProbeMetrics metrics = new ProbeMetrics();
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long delivered = 0;
    long maxHeap = 0;
    try (KernelLogSource source = KernelLogSource.start(new HostRoot(root), true, false, metrics, NO_JOURNAL)) {
      boolean ended = false;
      while (!ended) {
        ended = source.awaitEnd(100);
        List<Fact> facts = source.drain(System.currentTimeMillis());
        assertTrue(facts.size() <= KernelLogSource.CAPACITY, "bounded: " + facts.size());
        delivered += facts.stream().filter(KernelEvent.class::isInstance).count();
        maxHeap = Math.max(maxHeap, rt.totalMemory() - rt.freeMemory());
      }
      delivered += source.drain(System.currentTimeMillis()).size();
    }
    assertEquals(forged, metrics.forgedRecords(), "every forged line counted");
    assertEquals(kernel, delivered + metrics.skippedRecords(), "delivered + dropped = the kernel's records");
    assertTrue(maxHeap - heapBefore < 64L << 20, "heap grew by " + ((maxHeap - heapBefore) >> 20) + " MiB");
    System.out.printf("kmsg flood: %d lines (%d kernel, %d forged), %d delivered, %d dropped and counted%n",
        kernel + forged, kernel, forged, delivered, metrics.skippedRecords());

    // a stalled engine (no sweep drains while the flood lasts): the queue holds its capacity, the rest is counted
    ProbeMetrics stalled = new ProbeMetrics();
    List<Fact> held;
    try (KernelLogSource source = KernelLogSource.start(new HostRoot(root), true, false, stalled, NO_JOURNAL)) {
      assertTrue(source.awaitEnd(60_000), "the reader ends at the end of the stream");
      held = source.drain(System.currentTimeMillis());
    }
    assertEquals(Math.min(kernel, KernelLogSource.CAPACITY), held.size(), "bounded by the queue");
    assertEquals(kernel, held.size() + stalled.skippedRecords(), "every drop counted");
    System.out.printf("kmsg flood, stalled engine: %d held, %d dropped and counted%n", held.size(),
        stalled.skippedRecords());
  }
}
