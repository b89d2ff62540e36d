package dev.medic.probes.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link CgroupMemoryReader} and {@link CgroupMemoryFiles}. */
class CgroupMemoryReaderTest {

  static final String POD =
      "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7f3c2a1e_5b4d_4c8e_9a6f_0123456789ab.slice";
  static final String DOCKER =
      "/system.slice/docker-27e398728627f6e465cae202fbebc805f95ef5ab9c918af25c9ff02d24f4d5de.scope";

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "'9223372036854771712\n', NULL", // LONG_MAX rounded to 4 KiB pages: unlimited
        "'9223372036854775807', NULL",
        "'9223372036854710272', NULL", // the same with 64 KiB pages (arm64, ppc64)
        "'4611686018427387904', NULL", // 2^62: the cut-off
        "'4611686018427387903', 4611686018427387903",
        "'536870912\n', 536870912",
        "'0', 0",
      })
  void parseLimitV1(String content, Long expected) throws KernelFormatException {
    assertEquals(expected, CgroupMemoryFiles.parseLimitV1(content));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(nullValues = "NULL", value = {"'max\n', NULL", "'max', NULL", "'268435456\n', 268435456", "'0\n', 0"})
  void parseMaxV2(String content, Long expected) throws KernelFormatException {
    assertEquals(expected, CgroupMemoryFiles.parseMaxV2(content));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({"''", "'-1'", "'12 kB'", "'maximum'", "'0x1000'"})
  void garbledLimitsAreRejected(String content) {
    assertThrows(KernelFormatException.class, () -> CgroupMemoryFiles.parseLimitV1(content));
    assertThrows(KernelFormatException.class, () -> CgroupMemoryFiles.parseMaxV2(content));
  }

  @ParameterizedTest(name = "[{index}] oom_control ''{0}''")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "'oom_kill_disable 0\nunder_oom 0\noom_kill 3\n', 3, false",
        "'oom_kill_disable 1\nunder_oom 1\noom_kill 0\n', 0, true",
        "'oom_kill_disable 0\nunder_oom 0\n', NULL, false", // before 4.13 there is no oom_kill counter
        "NULL, NULL, NULL", // unreadable oom_control
      })
  void sampleV1(String oomControl, Long oomKills, Boolean underOom) throws KernelFormatException {
    CgroupSample s = CgroupMemoryFiles.sampleV1(7L, "/a", 1000L, "250\n", oomControl, new ProbeMetrics());
    assertEquals(new CgroupSample(7L, "/a", 1, 250L, 1000L, 25.0, oomKills, underOom), s);
  }

  @Test
  void sampleV2ReadsOomKillFromEvents() throws KernelFormatException {
    String events = "low 0\nhigh 4\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n";
    CgroupSample s = CgroupMemoryFiles.sampleV2(7L, "/b", 400L, "300\n", events, new ProbeMetrics());
    assertEquals(new CgroupSample(7L, "/b", 2, 300L, 400L, 75.0, 2L, null), s);
    assertNull(CgroupMemoryFiles.sampleV2(7L, "/b", 400L, "300", null, new ProbeMetrics()).oomKills());
  }

  @Test
  void readsTheV1HostFixture() throws IOException {
    HostRoot host = Fixtures.host("cgroup-v1-host");
    ProbeMetrics metrics = new ProbeMetrics();
    CgroupMemoryReader reader = new CgroupMemoryReader(host, metrics);
    assertEquals(1, reader.version());
    assertEquals(Optional.of(host.sys("fs/cgroup/memory")), reader.hierarchy());
    // swap: memsw.usage 301584384 - usage 268029952; anon/file: total_rss/total_cache of memory.stat
    assertEquals(
        List.of(
            new CgroupSample(3L, "/docker/deadbeef", 1, 268029952L, 268435456L, 100.0 * 268029952 / 268435456, 7L, true,
                null, 33554432L, null, null, null, 251658240L, 12582912L, null, null),
            // total_rss/total_cache include the worker child; the cgroup's own rss/cache (209715200/4194304) do not
            new CgroupSample(3L, "/process_api/abc", 1, 429916160L, 536870912L, 80.078125, 3L, false, null, 0L, null,
                null, null, 212860928L, 5242880L, null, null)),
        reader.read(3L));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }

  @Test
  void readsTheV2HostFixture() throws IOException {
    HostRoot host = Fixtures.host("cgroup-v2-host");
    ProbeMetrics metrics = new ProbeMetrics();
    CgroupMemoryReader reader = new CgroupMemoryReader(host, metrics);
    assertEquals(2, reader.version());
    assertEquals(Optional.of(host.sys("fs/cgroup")), reader.hierarchy());
    assertEquals(
        List.of(
            // the kubelet's pod: memory.high max, no swap allowed (memory.swap.max 0)
            new CgroupSample(4L, POD, 2, 536870912L, 1073741824L, 50.0, 0L, null, null, 0L, 0L, null, null, 480247808L,
                50331648L, 0.35, 0.12),
            new CgroupSample(4L, DOCKER, 2, 201326592L, 268435456L, 75.0, 2L, null, 251658240L, 8388608L, null, null,
                null, 150994944L, 41943040L, 1.52, 0.97)),
        reader.read(4L));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }

  @Test
  void oldKernelHasNoOomKillCounter() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    List<CgroupSample> samples = new CgroupMemoryReader(Fixtures.host("old-kernel"), metrics).read(1L);
    // no memory.memsw.* (swap accounting off, as Debian and Ubuntu shipped it): swap usage unknown, counted once
    assertEquals(
        List.of(new CgroupSample(1L, "/docker/abc", 1, 600000000L, 1073741824L, 100.0 * 600000000 / 1073741824, null,
            false, null, null, null, null, null, 524288000L, 52428800L, null, null)),
        samples);
    assertEquals(1, metrics.missingSources());
  }

  @Test
  void oomCountersBecomeDeltasBetweenSweeps(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    writeV2(dir, "sys/fs/cgroup/app", "1000", "900");
    CgroupMemoryReader reader = new CgroupMemoryReader(new HostRoot(dir), new ProbeMetrics());
    CgroupSample first = reader.read(1L).get(0);
    assertNull(first.newOomKills()); // no previous sweep to compare with
    assertNull(first.newOomEvents());

    Fixtures.write(dir, "sys/fs/cgroup/app/memory.events", "low 0\nhigh 0\nmax 9\noom 3\noom_kill 2\n");
    CgroupSample second = reader.read(2L).get(0);
    assertEquals(2L, second.oomKills());
    assertEquals(2L, second.newOomKills());
    assertEquals(3L, second.newOomEvents());

    CgroupSample third = reader.read(3L).get(0); // unchanged file: nothing new
    assertEquals(0L, third.newOomKills());
    assertEquals(0L, third.newOomEvents());

    // the cgroup was removed and recreated under the same name: counters restart, no delta rather than a negative
    Fixtures.write(dir, "sys/fs/cgroup/app/memory.events", "low 0\nhigh 0\nmax 0\noom 1\noom_kill 1\n");
    assertNull(reader.read(4L).get(0).newOomKills());
    Fixtures.write(dir, "sys/fs/cgroup/app/memory.events", "low 0\nhigh 0\nmax 0\noom 4\noom_kill 2\n");
    CgroupSample fifth = reader.read(5L).get(0);
    assertEquals(1L, fifth.newOomKills());
    assertEquals(3L, fifth.newOomEvents());
  }

  @Test
  void aCgroupNotSeenInASweepIsForgotten(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    writeV2(dir, "sys/fs/cgroup/app", "1000", "900");
    CgroupMemoryReader reader = new CgroupMemoryReader(new HostRoot(dir), new ProbeMetrics());
    reader.read(1L);
    Fixtures.write(dir, "sys/fs/cgroup/app/memory.max", "max\n"); // limit lifted: not reported, state dropped
    assertEquals(List.of(), reader.read(2L));
    Fixtures.write(dir, "sys/fs/cgroup/app/memory.max", "1000\n");
    Fixtures.write(dir, "sys/fs/cgroup/app/memory.events", "oom 5\noom_kill 5\n");
    assertNull(reader.read(3L).get(0).newOomKills()); // a fresh baseline, not "5 kills since sweep 1"
  }

  @Test
  void v1OomKillDeltaFromOomControl(@TempDir Path dir) throws IOException {
    String cg = "sys/fs/cgroup/memory/";
    Fixtures.write(dir, cg + "memory.usage_in_bytes", "100\n");
    Fixtures.write(dir, cg + "app/memory.limit_in_bytes", "1000\n");
    Fixtures.write(dir, cg + "app/memory.usage_in_bytes", "900\n");
    Fixtures.write(dir, cg + "app/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 4\n");
    CgroupMemoryReader reader = new CgroupMemoryReader(new HostRoot(dir), new ProbeMetrics());
    assertNull(reader.read(1L).get(0).newOomKills());
    Fixtures.write(dir, cg + "app/memory.oom_control", "oom_kill_disable 0\nunder_oom 1\noom_kill 6\n");
    CgroupSample s = reader.read(2L).get(0);
    assertEquals(2L, s.newOomKills());
    assertNull(s.newOomEvents()); // v1 has no "oom" event counter
    assertNull(s.high());
    assertNull(s.pressureSomeAvg10());
  }

  @Test
  void missingOptionalFilesAreCountedOncePerFileNotPerCgroup(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    writeV2(dir, "sys/fs/cgroup/a", "1000", "900");
    writeV2(dir, "sys/fs/cgroup/b", "1000", "900");
    ProbeMetrics metrics = new ProbeMetrics();
    CgroupMemoryReader reader = new CgroupMemoryReader(new HostRoot(dir), metrics);
    CgroupSample a = reader.read(1L).get(0);
    reader.read(2L);
    // memory.high, memory.swap.current, memory.swap.max, memory.stat, memory.pressure: once each
    assertEquals(5, metrics.missingSources());
    assertEquals(0, metrics.skippedRecords());
    assertEquals(new CgroupSample(1L, "/a", 2, 900L, 1000L, 90.0, 0L, null), a);
  }

  @Test
  void garbledOptionalFilesCostTheirFieldsOnly(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    writeV2(dir, "sys/fs/cgroup/a", "1000", "900");
    Fixtures.write(dir, "sys/fs/cgroup/a/memory.high", "lots\n");
    Fixtures.write(dir, "sys/fs/cgroup/a/memory.swap.current", "-5\n");
    Fixtures.write(dir, "sys/fs/cgroup/a/memory.swap.max", "4096\n");
    Fixtures.write(dir, "sys/fs/cgroup/a/memory.stat", "anon 100\nfile\n");
    Fixtures.write(dir, "sys/fs/cgroup/a/memory.pressure", "full avg10=1.00 avg60=0 avg300=0 total=1\n");
    ProbeMetrics metrics = new ProbeMetrics();
    CgroupSample a = new CgroupMemoryReader(new HostRoot(dir), metrics).read(1L).get(0);
    assertEquals(new CgroupSample(1L, "/a", 2, 900L, 1000L, 90.0, 0L, null, null, null, 4096L, null, null, 100L, null,
        null, null), a);
    // high, swap.current, the "file" line, and pressure without a some line
    assertEquals(4, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] v{1} ''{0}''")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "'anon 150994944\nfile 41943040\nkernel 3407872\n', 2, 150994944, 41943040",
        "'file 41943040\n', 2, NULL, 41943040",
        "'anon -1\nfile 0\n', 2, NULL, 0",
        "'cache 10\nrss 20\ntotal_cache 110\ntotal_rss 220\n', 1, 220, 110", // hierarchical totals win
        "'cache 10\nrss 20\n', 1, 20, 10", // no total_ block at all: the cgroup's own
        "'total_rss 220\n', 1, 220, NULL",
        "'cache 10\nrss 20\ntotal_cache 110\ntotal_r%ss 220\n', 1, NULL, 110", // a damaged total_rss is not rss
        "'', 1, NULL, NULL",
      })
  void breakdown(String stat, int version, Long anon, Long file) {
    assertEquals(new CgroupMemoryFiles.Breakdown(anon, file), CgroupMemoryFiles.breakdown(stat, version,
        new ProbeMetrics()));
  }

  @ParameterizedTest(name = "[{index}] memsw ''{1}'' - usage {0} -> {2}")
  @CsvSource({"100, '150\n', 50", "100, '100', 0", "100, '90', 0"}) // read a moment apart: clamped at 0
  void swapUsageV1(long usage, String memsw, long expected) throws KernelFormatException {
    assertEquals(expected, CgroupMemoryFiles.swapUsageV1(usage, memsw));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(nullValues = "NULL", value = {"'max\n', NULL", "'251658240\n', 251658240", "'0', 0"})
  void parseMaxOrBytes(String content, Long expected) throws KernelFormatException {
    assertEquals(expected, CgroupMemoryFiles.parseMaxOrBytes(content, "memory.high"));
  }

  @Test
  void oomDeltas() {
    assertNull(OomDeltas.delta(null, 5L));
    assertNull(OomDeltas.delta(5L, null));
    assertNull(OomDeltas.delta(5L, 4L));
    assertEquals(0L, OomDeltas.delta(5L, 5L));
    assertEquals(3L, OomDeltas.delta(5L, 8L));
  }

  @Test
  void hybridHostWithMemoryOnTheUnifiedMount(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/systemd/cgroup.procs", "");
    Fixtures.write(dir, "sys/fs/cgroup/unified/cgroup.controllers", "cpu io memory pids\n");
    writeV2(dir, "sys/fs/cgroup/unified/app.slice", "1048576", "524288");
    CgroupMemoryReader reader = new CgroupMemoryReader(new HostRoot(dir), new ProbeMetrics());
    assertEquals(2, reader.version());
    assertEquals(Optional.of(dir.resolve("sys/fs/cgroup/unified")), reader.hierarchy());
    assertEquals(List.of("/app.slice"), paths(reader.read(1L)));
  }

  @Test
  void v2RootWithoutTheMemoryControllerIsNotAHierarchy(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "cpuset cpu io pids\n");
    ProbeMetrics metrics = new ProbeMetrics();
    CgroupMemoryReader reader = new CgroupMemoryReader(new HostRoot(dir), metrics);
    assertEquals(0, reader.version());
    assertEquals(Optional.empty(), reader.hierarchy());
    assertEquals(List.of(), reader.read(1L));
    assertEquals(List.of(), reader.read(2L));
    assertEquals(1, metrics.missingSources());
  }

  @Test
  void symlinksAreNotFollowed(@TempDir Path dir) throws IOException {
    Path cg = dir.resolve("sys/fs/cgroup");
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    writeV2(dir, "sys/fs/cgroup/real", "100", "50");
    Files.createSymbolicLink(cg.resolve("real/loop"), cg); // would recurse forever if followed
    Files.createSymbolicLink(cg.resolve("alias"), cg.resolve("real"));
    assertEquals(List.of("/real"), paths(new CgroupMemoryReader(new HostRoot(dir), new ProbeMetrics()).read(1L)));
  }

  @Test
  void walkStopsAtTheDepthCap(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    StringBuilder rel = new StringBuilder("sys/fs/cgroup");
    for (int depth = 1; depth <= CgroupMemoryReader.MAX_DEPTH + 3; depth++) {
      rel.append("/d");
      writeV2(dir, rel.toString(), "4096", "1024");
    }
    List<CgroupSample> samples = new CgroupMemoryReader(new HostRoot(dir), new ProbeMetrics()).read(1L);
    assertEquals(CgroupMemoryReader.MAX_DEPTH, samples.size());
    assertEquals("/d".repeat(CgroupMemoryReader.MAX_DEPTH), samples.get(samples.size() - 1).path());
  }

  @Test
  void garbledCgroupIsSkippedAndCountedOthersKept(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    writeV2(dir, "sys/fs/cgroup/a", "12 MB", "1");
    writeV2(dir, "sys/fs/cgroup/b", "100", "garbage");
    writeV2(dir, "sys/fs/cgroup/c", "100", "99");
    Fixtures.write(dir, "sys/fs/cgroup/c/memory.events", "oom_kill\nmax 3\n");
    ProbeMetrics metrics = new ProbeMetrics();
    List<CgroupSample> samples = new CgroupMemoryReader(new HostRoot(dir), metrics).read(1L);
    assertEquals(List.of(new CgroupSample(1L, "/c", 2, 99L, 100L, 99.0, null, null)), samples);
    assertEquals(3, metrics.skippedRecords()); // a, b, and c's bad events line
  }

  @Test
  void cgroupWithoutMemoryFilesIsIgnored(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "sys/fs/cgroup/cgroup.controllers", "memory\n");
    Fixtures.write(dir, "sys/fs/cgroup/no-memory-delegated/cgroup.procs", "");
    writeV2(dir, "sys/fs/cgroup/half-removed", "100", "1");
    Files.delete(dir.resolve("sys/fs/cgroup/half-removed/memory.current"));
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(List.of(), new CgroupMemoryReader(new HostRoot(dir), metrics).read(1L));
    assertEquals(0, metrics.skippedRecords());
  }

  private static void writeV2(Path root, String dir, String max, String current) {
    Fixtures.write(root, dir + "/memory.max", max + "\n");
    Fixtures.write(root, dir + "/memory.current", current + "\n");
    Fixtures.write(root, dir + "/memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
  }

  private static List<String> paths(List<CgroupSample> samples) {
    return samples.stream().map(CgroupSample::path).toList();
  }
}
