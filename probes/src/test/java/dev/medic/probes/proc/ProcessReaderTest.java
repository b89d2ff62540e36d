package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.facts.ProcessSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ProcessReader} on the fixture hosts and on trees built in a temp dir. */
class ProcessReaderTest {

  private static final long KIB = 1024;

  @Test
  void readsTheV1HostFixture() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    List<ProcessSample> samples = reader("cgroup-v1-host", ProbeSettings.defaults(), metrics).read(8L);
    assertEquals(List.of(1, 2, 4242, 5000, 5001), samples.stream().map(ProcessSample::pid).toList());
    Map<Integer, ProcessSample> byPid = byPid(samples);
    assertEquals(
        new ProcessSample(8L, 4242, 1, "evil) R 1 (x", "./evil --name evil) R 1 (x", 1000, "S", 307200 * KIB,
            2048 * KIB, "/user.slice/user-1000.slice/session-3.scope", 812, 500, 290000 * KIB, (4096 + 280000) * KIB,
            false),
        byPid.get(4242));
    assertEquals(
        new ProcessSample(8L, 2, 0, "kthreadd", "", 0, "S", 0, null, "/", 0, 0, null, null, true), byPid.get(2));
    assertEquals(
        new ProcessSample(8L, 1, 0, "systemd", "/sbin/init splash", 0, "S", 12288 * KIB, 0L, "/init.scope", 0, 0,
            5120 * KIB, (1024 + 3072) * KIB, false),
        byPid.get(1));
    assertEquals("/usr/bin/java -Xmx256m -jar /srv/app.jar", byPid.get(5000).cmdline());
    assertEquals("/process_api/abc/worker", byPid.get(5001).memoryCgroup());
    assertEquals(0, metrics.skippedRecords() + metrics.vanishedProcesses() + metrics.missingSources());
  }

  @Test
  void smapsOnlyForTopNAndTheLargestOfEachLimitedCgroup() throws IOException {
    ProcessReader reader = reader("cgroup-v1-host", new ProbeSettings(1, false), new ProbeMetrics());
    Map<Integer, ProcessSample> byPid = byPid(reader.read(1L, Set.of("/process_api/abc")));
    // 4242 is the largest overall; 5000 the largest under /process_api/abc (5001 in its child is smaller)
    assertEquals(Set.of(4242, 5000), withPss(byPid));
    assertEquals(190464 * KIB, byPid.get(5000).pss());
    assertEquals((2048 + 180224) * KIB, byPid.get(5000).uss());
    assertNull(byPid.get(5001).uss());

    assertEquals(Set.of(4242), withPss(byPid(reader.read(2L))));
    ProcessReader all = reader("cgroup-v1-host", new ProbeSettings(0, true), new ProbeMetrics());
    assertEquals(Set.of(1, 4242, 5000, 5001), withPss(byPid(all.read(3L))));
  }

  @Test
  void readsTheV2HostFixtureWithAZombie() throws IOException {
    Map<Integer, ProcessSample> byPid =
        byPid(reader("cgroup-v2-host", ProbeSettings.defaults(), new ProbeMetrics()).read(9L));
    assertEquals(Set.of(1, 2, 4100, 4101, 4200), byPid.keySet());
    assertEquals(
        new ProcessSample(9L, 4101, 4100, "nginx", "", 101, "Z", 0, null, "/system.slice/docker-abc123.scope", 0, 0,
            null, null, false),
        byPid.get(4101));
    ProcessSample python = byPid.get(4200);
    assertEquals("R", python.state());
    assertEquals("/kubepods.slice/kubepods-burstable.slice/pod1234/cri-containerd-xyz.scope", python.memoryCgroup());
    assertEquals(1100, python.oomScore());
    assertEquals(300, python.oomScoreAdj());
    assertEquals(400000 * KIB, python.pss());
    assertEquals("nginx: master process nginx -g daemon off;", byPid.get(4100).cmdline());
  }

  @Test
  void oldKernelWithoutSmapsRollup() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessReader reader = reader("old-kernel", ProbeSettings.defaults(), metrics);
    Map<Integer, ProcessSample> byPid = byPid(reader.read(1L));
    reader.read(2L);
    assertEquals(Set.of(), withPss(byPid));
    assertEquals(1, metrics.missingSources());
    ProcessSample httpd = byPid.get(800);
    assertEquals(524288 * KIB, httpd.rss());
    assertEquals(10240 * KIB, httpd.swap());
    assertEquals(48, httpd.uid());
    assertEquals("/docker/abc", httpd.memoryCgroup());
    assertEquals("/usr/lib/systemd/systemd --system --deserialize 21", byPid.get(1).cmdline());
    assertEquals(true, byPid.get(2).kernelThread());
  }

  @Test
  void commWithANewlineAndParentheses(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 77, "x", 100, "/");
    Fixtures.write(dir, "proc/77/stat", Fixtures.stat(77, "a\nb) c", "S", 1));
    ProcessSample p = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics()).read(1L)
        .get(0);
    assertEquals("a\nb) c", p.comm());
    assertEquals(1, p.ppid());
    assertEquals("S", p.state());
  }

  @Test
  void vanishedAndGarbledProcessesAreSkippedAndCounted(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 10, "ok", 100, "/a");
    Fixtures.write(dir, "proc/88/stat", Fixtures.stat(88, "gone", "S", 1)); // exited before status was read
    Fixtures.process(dir, 99, "garbled", 100, "/a");
    Fixtures.write(dir, "proc/99/stat", "99 (garbled) S 1 99");
    Fixtures.process(dir, 98, "no-uid", 100, "/a");
    Fixtures.write(dir, "proc/98/status", "Name:\tno-uid\nVmRSS:\t100 kB\n");
    Fixtures.process(dir, 97, "no-rss", 100, "/a");
    Fixtures.write(dir, "proc/97/status", Fixtures.status(0, 1).replace("VmRSS:\t1 kB\n", ""));
    Files.createDirectories(dir.resolve("proc/sys"));
    Files.createDirectories(dir.resolve("proc/12ab"));
    Files.createSymbolicLink(dir.resolve("proc/self"), dir.resolve("proc/10"));

    ProbeMetrics metrics = new ProbeMetrics();
    List<ProcessSample> samples = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), metrics).read(1L);
    assertEquals(List.of(10), samples.stream().map(ProcessSample::pid).toList());
    assertEquals(1, metrics.vanishedProcesses());
    assertEquals(3, metrics.skippedRecords());
  }

  @Test
  void missingOomFilesLeaveNullsAndCmdlineIsCapped(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 5, "big", 100, "/");
    Files.delete(dir.resolve("proc/5/oom_score"));
    Fixtures.write(dir, "proc/5/oom_score_adj", "-1000\n");
    Fixtures.write(dir, "proc/5/cmdline", "x\0".repeat(100_000));
    ProcessSample p = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics()).read(1L)
        .get(0);
    assertNull(p.oomScore());
    assertEquals(-1000, p.oomScoreAdj());
    assertEquals(ProcessReader.CMDLINE_MAX_BYTES - 1, p.cmdline().length()); // trailing NUL dropped
    assertNull(p.pss()); // no smaps_rollup in this tree
  }

  @Test
  void garbledSmapsRollupLeavesNullsButKeepsTheProcess(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 5, "p", 100, "/");
    Fixtures.write(dir, "proc/5/smaps_rollup", "Rss: 100 kB\nPss: garbage\n");
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessSample p = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), metrics).read(1L).get(0);
    assertEquals(100 * KIB, p.rss());
    assertNull(p.pss());
    assertNotNull(p.cmdline());
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void noProcessTableIsAnIoErrorForTheSweep(@TempDir Path dir) {
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics());
    assertThrows(IOException.class, () -> reader.read(1L));
  }

  private static ProcessReader reader(String host, ProbeSettings settings, ProbeMetrics metrics) {
    return new ProcessReader(Fixtures.host(host), settings, metrics);
  }

  private static Map<Integer, ProcessSample> byPid(List<ProcessSample> samples) {
    return samples.stream().collect(Collectors.toMap(ProcessSample::pid, Function.identity()));
  }

  private static Set<Integer> withPss(Map<Integer, ProcessSample> byPid) {
    return byPid.values().stream().filter(p -> p.pss() != null).map(ProcessSample::pid).collect(Collectors.toSet());
  }
}
