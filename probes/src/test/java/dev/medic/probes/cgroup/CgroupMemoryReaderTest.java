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
    CgroupMemoryReader reader = new CgroupMemoryReader(host, new ProbeMetrics());
    assertEquals(1, reader.version());
    assertEquals(Optional.of(host.sys("fs/cgroup/memory")), reader.hierarchy());
    assertEquals(
        List.of(
            new CgroupSample(
                3L, "/docker/deadbeef", 1, 268029952L, 268435456L, 100.0 * 268029952 / 268435456, 7L, true),
            new CgroupSample(3L, "/process_api/abc", 1, 429916160L, 536870912L, 80.078125, 3L, false)),
        reader.read(3L));
  }

  @Test
  void readsTheV2HostFixture() throws IOException {
    HostRoot host = Fixtures.host("cgroup-v2-host");
    CgroupMemoryReader reader = new CgroupMemoryReader(host, new ProbeMetrics());
    assertEquals(2, reader.version());
    assertEquals(Optional.of(host.sys("fs/cgroup")), reader.hierarchy());
    assertEquals(
        List.of(
            new CgroupSample(4L, "/kubepods.slice/kubepods-burstable.slice/pod1234", 2, 536870912L, 1073741824L, 50.0,
                0L, null),
            new CgroupSample(4L, "/system.slice/docker-abc123.scope", 2, 201326592L, 268435456L, 75.0, 2L, null)),
        reader.read(4L));
  }

  @Test
  void oldKernelHasNoOomKillCounter() throws IOException {
    List<CgroupSample> samples = new CgroupMemoryReader(Fixtures.host("old-kernel"), new ProbeMetrics()).read(1L);
    assertEquals(
        List.of(new CgroupSample(1L, "/docker/abc", 1, 600000000L, 1073741824L, 100.0 * 600000000 / 1073741824, null,
            false)),
        samples);
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
