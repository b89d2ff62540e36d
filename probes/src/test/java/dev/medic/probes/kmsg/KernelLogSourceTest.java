package dev.medic.probes.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.KernelEvent;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.ProcessSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link KernelLogSource} on fixture hosts, where {@code dev/kmsg} is a regular file (a dump). */
class KernelLogSourceTest {

  private static final long SWEEP = 1_750_000_000_000L;
  /** journalctl must not run against the test machine's journal in fixture tests. */
  private static final List<String> NO_JOURNAL = List.of("/nonexistent/journalctl");

  private final ProbeMetrics metrics = new ProbeMetrics();

  /** Starts on a fixture, waits until the whole dump was read, drains once. */
  private List<Fact> readAll(HostRoot root, boolean fromBoot, List<String> journal) {
    try (KernelLogSource source = KernelLogSource.start(root, fromBoot, false, metrics, journal)) {
      assertTrue(source.awaitEnd(5000), "the reader ends at the end of a dump");
      return source.drain(SWEEP);
    }
  }

  private static List<String> kinds(List<Fact> facts) {
    return facts.stream().map(f -> f instanceof KernelEvent e ? e.kind() : f.type() + ":" + ((OomKill) f).pid())
        .toList();
  }

  /**
   * With the process table read every 3rd sweep, a sweep that brings an OOM kill reads it too: the rules about the
   * kill judge the survivors from that sweep ("no large process left" would otherwise hold for want of processes).
   */
  @Test
  void aSweepThatBringsAnOomKillReadsTheProcessTable() {
    ProbeSweep sweep = new ProbeSweep(Fixtures.host("cgroup-v1-host"), new ProbeSettings(10, false, 3));
    List<Integer> processes = new java.util.ArrayList<>();
    List<Integer> kills = new java.util.ArrayList<>();
    java.util.function.Consumer<List<Fact>> count = facts -> {
      processes.add((int) facts.stream().filter(ProcessSample.class::isInstance).count());
      kills.add((int) facts.stream().filter(OomKill.class::isInstance).count());
    };
    count.accept(sweep.sweep(1_000)); // due
    try (KernelLogSource source = KernelLogSource.start(KmsgFixtures.host("global-oom"), true, false, metrics,
        NO_JOURNAL)) {
      assertTrue(source.awaitEnd(5000), "the reader ends at the end of a dump");
      sweep.withKernelLog(source);
      count.accept(sweep.sweep(2_000)); // not due, but two kills arrive
      count.accept(sweep.sweep(3_000)); // not due, nothing new
      count.accept(sweep.sweep(4_000)); // due
    }
    assertEquals(List.of(0, 2, 0, 0), kills);
    assertEquals(List.of(5, 5, 0, 5), processes);
  }

  /**
   * The memcg-oom dump with four lines a process wrote to /dev/kmsg (user and daemon facilities) that look like an
   * OOM kill of sshd, a kill of postgres and a TCP memory event: only the kernel's own kills become facts.
   */
  @Test
  void linesWrittenByUserSpaceAreDroppedAndCountedAsForged() {
    List<Fact> real = readAll(KmsgFixtures.host("memcg-oom"), true, NO_JOURNAL);
    assertEquals(0, metrics.forgedRecords());
    List<Fact> forged = readAll(KmsgFixtures.host("forged-oom"), true, NO_JOURNAL);
    assertEquals(kinds(real), kinds(forged));
    assertFalse(kinds(forged).contains("oom_kill:6666") || kinds(forged).contains("oom_kill:6667"));
    assertEquals(4, metrics.forgedRecords(), metrics.toString());
  }

  @Test
  void fromBootDeliversEveryKillStampedWithTheSweep() {
    long before = System.currentTimeMillis();
    List<Fact> facts = readAll(KmsgFixtures.host("global-oom"), true, NO_JOURNAL);
    long after = System.currentTimeMillis();
    assertEquals(List.of("oom_kill:9277", "oom_kill:10412"), kinds(facts));
    OomKill tail = (OomKill) facts.get(0);
    assertTrue(tail.reaped(), "its reaper line was read before the sweep drained it");
    assertFalse(((OomKill) facts.get(1)).reaped(), "no reaper line for java");
    assertTrue(facts.stream().allMatch(f -> f.timestamp() == SWEEP));
    // uptime 9000 s at start: boot = start − 9000 s; the Killed record is at 7208.0574 s
    long boot = tail.kernelTime() - 7_208_057;
    assertTrue(boot >= before - 9_000_000 && boot <= after - 9_000_000, "boot " + boot);
    assertEquals("CONSTRAINT_NONE", tail.constraint());
    assertEquals(566796L * 1024, tail.anonRss());
    assertEquals(0, metrics.skippedRecords() + metrics.failedReads() + metrics.missingSources(), metrics.toString());
  }

  @Test
  void fromNowSkipsEverythingLoggedBeforeTheStart() {
    assertEquals(List.of(), readAll(KmsgFixtures.host("global-oom"), false, NO_JOURNAL));
    assertEquals(0, metrics.failedReads());
  }

  @Test
  void fromNowDeliversOnlyRecordsAfterTheStart() {
    // uptime 1500 s: the TCP, orphan and first conntrack records are older, the rest "arrive" after the start
    List<Fact> facts = readAll(KmsgFixtures.host("network-events"), false, NO_JOURNAL);
    assertEquals(List.of("conntrack_full", "syn_flood", "page_allocation_failure", "oom_kill:777", "syn_flood"),
        kinds(facts));
    KernelEvent syn = (KernelEvent) facts.get(1);
    assertEquals(6, syn.priority());
    assertEquals("TCP: request_sock_TCP: Possible SYN flooding on port [::]:443. Sending cookies.  Check SNMP"
        + " counters.", syn.message());
    assertEquals(SWEEP, syn.timestamp());
  }

  @Test
  void fromBootDeliversTheOlderRecordsTooAndCountsGarbledLines() {
    List<Fact> facts = readAll(KmsgFixtures.host("network-events"), true, NO_JOURNAL);
    assertEquals(List.of("tcp_out_of_memory", "tcp_orphans", "conntrack_full", "conntrack_full", "syn_flood",
        "page_allocation_failure", "oom_kill:777", "syn_flood"), kinds(facts));
    assertEquals(5, metrics.skippedRecords(), "stray dictionary line and four garbled records");
  }

  @Test
  void drainEmptiesTheQueue() {
    try (KernelLogSource source =
        KernelLogSource.start(KmsgFixtures.host("memcg-oom"), true, false, metrics, NO_JOURNAL)) {
      assertTrue(source.awaitEnd(5000));
      assertEquals(KernelLogSource.Origin.FILE, source.origin());
      assertEquals(2, source.drain(SWEEP).size());
      assertEquals(List.of(), source.drain(SWEEP + 5000));
    }
  }

  @Test
  void historyReadsTheBufferUpToTheStart() {
    List<Fact> memcg = KernelLogSource.history(KmsgFixtures.host("memcg-oom"), SWEEP, metrics, NO_JOURNAL);
    assertEquals(List.of("oom_kill:5101", "oom_kill:5100"), kinds(memcg));
    assertTrue(((OomKill) memcg.get(0)).reaped());
    List<Fact> network = KernelLogSource.history(KmsgFixtures.host("network-events"), SWEEP, metrics, NO_JOURNAL);
    assertEquals(List.of("tcp_out_of_memory", "tcp_orphans", "conntrack_full"), kinds(network),
        "records stamped after the uptime are after the call");
    assertTrue(network.stream().allMatch(f -> f.timestamp() == SWEEP));
  }

  @Test
  void everyFixtureKillComesThroughTheSource() {
    assertEquals(List.of("oom_kill:1235", "oom_kill:2222"),
        kinds(readAll(KmsgFixtures.host("old-kernel"), true, NO_JOURNAL)));
    assertEquals(List.of("oom_kill:4242", "oom_kill:4343", "oom_kill:4444", "oom_kill:4545"),
        kinds(readAll(KmsgFixtures.host("hostile-comm"), true, NO_JOURNAL)));
  }

  @Test
  void fallsBackToJournalctlWhenTheDeviceIsMissing(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "proc/uptime", "100.00 200.00\n");
    Path export = JournalStreamTest.exportFile(dir, List.of(
        List.of("PRIORITY=4", "_TRANSPORT=kernel", "_SOURCE_MONOTONIC_TIMESTAMP=50000000",
            "MESSAGE=TCP: out of memory -- consider tuning tcp_mem"),
        List.of("PRIORITY=3", "_TRANSPORT=kernel", "_SOURCE_MONOTONIC_TIMESTAMP=60000000",
            "MESSAGE=Out of memory: Killed process 5 (x) total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB")));
    List<String> journal = List.of("cat", export.toString());
    try (KernelLogSource source = KernelLogSource.start(new HostRoot(dir), true, false, metrics, journal)) {
      assertEquals(KernelLogSource.Origin.JOURNAL, source.origin());
      assertTrue(source.awaitEnd(5000));
      assertEquals(List.of("tcp_out_of_memory", "oom_kill:5"), kinds(source.drain(SWEEP)));
    }
    assertEquals(1, metrics.missingSources(), "the device");
    assertEquals(1, metrics.failedReads(), "a following journalctl that exits is a failure");
  }

  @Test
  void withoutDeviceAndJournalctlItProducesNothing(@TempDir Path dir) {
    Fixtures.write(dir, "proc/uptime", "100.00 200.00\n");
    try (KernelLogSource source = KernelLogSource.start(new HostRoot(dir), false, false, metrics, NO_JOURNAL)) {
      assertEquals(KernelLogSource.Origin.NONE, source.origin());
      assertTrue(source.awaitEnd(0));
      assertEquals(List.of(), source.drain(SWEEP));
    }
    assertEquals(2, metrics.missingSources(), "the device and journalctl");
  }

  @Test
  void withoutUptimeTheJvmClockIsUsed(@TempDir Path dir) throws IOException {
    Files.copy(KmsgFixtures.host("memcg-oom").dev("kmsg"), Files.createDirectories(dir.resolve("dev")).resolve("kmsg"));
    List<Fact> facts = readAll(new HostRoot(dir), true, NO_JOURNAL);
    assertEquals(2, facts.size());
    assertEquals(1, metrics.missingSources());
  }

  @Test
  void closeIsIdempotent() {
    KernelLogSource source = KernelLogSource.start(KmsgFixtures.host("old-kernel"), true, false, metrics, NO_JOURNAL);
    source.close();
    source.close();
    assertTrue(source.awaitEnd(0));
  }
}
