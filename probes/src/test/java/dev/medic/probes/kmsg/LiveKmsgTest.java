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
 * LOG_USER, the level from its {@code <N>} prefix), which proves the source streams what the kernel logs.
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

  @Test
  void streamsARecordLoggedAfterTheStart() throws Exception {
    ProbeMetrics metrics = new ProbeMetrics();
    KernelLogSource source = KernelLogSource.start(HostRoot.live(), false, metrics);
    try {
      assertEquals(KernelLogSource.Origin.DEVICE, source.origin());
      long before = System.currentTimeMillis();
      String marker = logMarker();
      List<Fact> seen = new ArrayList<>();
      long deadline = System.nanoTime() + 5_000_000_000L;
      Optional<KernelEvent> event = Optional.empty();
      while (event.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
        long sweep = System.currentTimeMillis();
        List<Fact> drained = source.drain(sweep);
        assertTrue(drained.stream().allMatch(f -> f.timestamp() == sweep));
        seen.addAll(drained);
        event = find(seen, marker);
      }
      KernelEvent found = event.orElseThrow(() -> new AssertionError("no event with " + marker + " in " + seen));
      assertEquals("tcp_out_of_memory", found.kind());
      assertEquals(4, found.priority());
      long after = System.currentTimeMillis();
      assertTrue(found.kernelTime() >= before - 1000 && found.kernelTime() <= after + 1000,
          found.kernelTime() + " not in [" + before + ", " + after + "]");
    } finally {
      source.close();
    }
    assertTrue(source.awaitEnd(0), "close() ends the thread blocked in read(2)");
    assertEquals(0, metrics.failedReads(), metrics.toString());
  }

  @Test
  void historyFindsARecordLoggedBeforeTheCall() throws IOException {
    String marker = logMarker();
    long start = System.nanoTime();
    ProbeMetrics metrics = new ProbeMetrics();
    List<Fact> history = KernelLogSource.history(HostRoot.live(), 7L, metrics);
    long millis = (System.nanoTime() - start) / 1_000_000;
    KernelEvent event = find(history, marker)
        .orElseThrow(() -> new AssertionError("no " + marker + " after " + millis + " ms, " + metrics));
    assertEquals("tcp_out_of_memory", event.kind());
    assertEquals(7L, event.timestamp());
    assertTrue(millis < 10_000, "history took " + millis + " ms");
  }
}
