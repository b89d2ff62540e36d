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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ProcessReader} on the fixture hosts and on trees built in a temp dir. */
class ProcessReaderTest {

  private static final long KIB = 1024;
  static final long V1_BOOT = 1_699_999_000_000L;
  static final long V2_BOOT = 1_717_000_000_000L;
  static final String DOCKER_ID = "27e398728627f6e465cae202fbebc805f95ef5ab9c918af25c9ff02d24f4d5de";
  static final String DOCKER_CGROUP = "/system.slice/docker-" + DOCKER_ID + ".scope";
  static final String CRI_ID = "875634580f43432a599fe8f5894ab2279e5f2aeffbc919af26fe5cfadb4582a1";
  static final String POD_CGROUP =
      "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7f3c2a1e_5b4d_4c8e_9a6f_0123456789ab.slice";

  @Test
  void readsTheV1HostFixture() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    List<ProcessSample> samples = reader("cgroup-v1-host", ProbeSettings.defaults(), metrics).read(8L);
    assertEquals(List.of(1, 2, 4242, 5000, 5001), samples.stream().map(ProcessSample::pid).toList());
    Map<Integer, ProcessSample> byPid = byPid(samples);
    // btime 1699999000 s in proc/stat, starttime 22 ticks of 10 ms: 220 ms after boot
    assertEquals(
        new ProcessSample(8L, 4242, 1, "evil) R 1 (x", "./evil --name evil) R 1 (x", 1000, "S", 307200 * KIB,
            2048 * KIB, "/user.slice/user-1000.slice/session-3.scope", 812, 500, 290000 * KIB, (4096 + 280000) * KIB,
            false, V1_BOOT + 220, 4, 5, null, 2048 * KIB, "session-3.scope", null),
        byPid.get(4242));
    // a kernel thread: no fd/ in the fixture (as for a reader without ptrace rights), no unit, no smaps
    assertEquals(
        new ProcessSample(8L, 2, 0, "kthreadd", "", 0, "S", 0, null, "/", 0, 0, null, null, true, V1_BOOT + 220, 1,
            null, null, null, null, null),
        byPid.get(2));
    assertEquals(
        new ProcessSample(8L, 1, 0, "systemd", "/sbin/init splash", 0, "S", 12288 * KIB, 0L, "/init.scope", 0, 0,
            5120 * KIB, (1024 + 3072) * KIB, false, V1_BOOT + 220, 4, 12, null, 0L, "init.scope", null),
        byPid.get(1));
    assertEquals("/usr/bin/java -Xmx256m -jar /srv/app.jar", byPid.get(5000).cmdline());
    assertEquals(23, byPid.get(5000).openFds());
    assertNull(byPid.get(5000).unit()); // /process_api/abc is no systemd unit, and name=systemd is the root
    assertEquals("/process_api/abc/worker", byPid.get(5001).memoryCgroup());
    assertEquals(3, byPid.get(5001).openFds());
    assertEquals(0, metrics.skippedRecords() + metrics.vanishedProcesses() + metrics.missingSources());
  }

  @Test
  void smapsOnlyForTopNAndTheLargestOfEachLimitedCgroup() throws IOException {
    ProcessReader reader = reader("cgroup-v1-host", new ProbeSettings(1, false), new ProbeMetrics());
    Map<Integer, ProcessSample> byPid = byPid(reader.read(1L, Set.of("/process_api/abc")));
    // 4242 is the largest overall; 5000 the largest under /process_api/abc (5001 in its child is smaller)
    assertEquals(Set.of(4242, 5000), withPss(byPid));
    assertEquals(List.of(4242, 5000), reader.selected().stream().map(ProcessSample::pid).toList());
    assertEquals(190464 * KIB, byPid.get(5000).pss());
    assertEquals((2048 + 180224) * KIB, byPid.get(5000).uss());
    assertNull(byPid.get(5001).uss());

    assertEquals(Set.of(4242), withPss(byPid(reader.read(2L))));
    assertEquals(List.of(4242), reader.selected().stream().map(ProcessSample::pid).toList());
    ProcessReader all = reader("cgroup-v1-host", new ProbeSettings(0, true), new ProbeMetrics());
    assertEquals(Set.of(1, 4242, 5000, 5001), withPss(byPid(all.read(3L))));
  }

  @Test
  void readsTheV2HostFixtureWithAZombie() throws IOException {
    ProcessReader reader = reader("cgroup-v2-host", ProbeSettings.defaults(), new ProbeMetrics());
    Map<Integer, ProcessSample> byPid = byPid(reader.read(9L));
    assertEquals(Set.of(1, 2, 3000, 3001, 4100, 4101, 4200), byPid.keySet());
    assertEquals(
        new ProcessSample(9L, 4101, 4100, "nginx", "", 101, "Z", 0, null, DOCKER_CGROUP, 0, 0, null, null, false,
            V2_BOOT + 220, 1, null, null, null, "docker-" + DOCKER_ID + ".scope", DOCKER_ID),
        byPid.get(4101));
    ProcessSample python = byPid.get(4200);
    assertEquals("R", python.state());
    assertEquals(POD_CGROUP + "/cri-containerd-" + CRI_ID + ".scope", python.memoryCgroup());
    assertEquals(1100, python.oomScore());
    assertEquals(300, python.oomScoreAdj());
    assertEquals(400000 * KIB, python.pss());
    assertEquals(0L, python.swapPss());
    assertEquals(CRI_ID, python.container());
    assertEquals("cri-containerd-" + CRI_ID + ".scope", python.unit());
    assertEquals(17, python.openFds());
    assertEquals(4, python.threads());
    assertEquals("nginx: master process nginx -g daemon off;", byPid.get(4100).cmdline());
    assertEquals(DOCKER_ID, byPid.get(4100).container());
    // the host's own nginx, a systemd service: starttime 1534 and 1536 ticks
    ProcessSample master = byPid.get(3000);
    assertEquals("nginx.service", master.unit());
    assertNull(master.container());
    assertEquals(V2_BOOT + 15_340, master.startTime());
    assertEquals(8, master.openFds());
    assertEquals(3000, byPid.get(3001).ppid());
    assertEquals(V2_BOOT + 15_360, byPid.get(3001).startTime());
    assertEquals("nginx.service", byPid.get(3001).unit());
    // default top 10: every process with a memory map, the zombie and kthreadd excluded
    assertEquals(List.of(1, 3000, 3001, 4100, 4200), reader.selected().stream().map(ProcessSample::pid).toList());
  }

  @Test
  void oldKernelWithoutSmapsRollup() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessReader reader = reader("old-kernel", ProbeSettings.defaults(), metrics);
    Map<Integer, ProcessSample> byPid = byPid(reader.read(1L));
    reader.read(2L);
    assertEquals(Set.of(), withPss(byPid));
    assertEquals(1, metrics.missingSources());
    // no smaps_rollup, but the top processes are still chosen: limits are read for them
    assertEquals(List.of(1, 800), reader.selected().stream().map(ProcessSample::pid).toList());
    assertEquals(1_500_000_000_000L + 220, byPid.get(800).startTime());
    assertEquals(14, byPid.get(800).openFds());
    ProcessSample httpd = byPid.get(800);
    assertEquals(524288 * KIB, httpd.rss());
    assertEquals(10240 * KIB, httpd.swap());
    assertEquals(48, httpd.uid());
    assertEquals("/docker/abc", httpd.memoryCgroup());
    assertNull(httpd.container()); // "abc" is no container id: ids are 64 hex digits
    assertEquals("/usr/lib/systemd/systemd --system --deserialize 21", byPid.get(1).cmdline());
    assertEquals(true, byPid.get(2).kernelThread());
  }

  @Test
  void commWithANewlineAndParentheses(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 77, "x", 100, "/");
    Fixtures.write(dir, "proc/77/stat", Fixtures.stat(77, "a\nb) c", "S", 1));
    ProcessSample p = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics()).read(1L)
        .get(0);
    assertEquals("a\\nb) c", p.comm()); // escaped at the source: a comm cannot forge a line anywhere
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

  @Test
  void rssGrowthAcrossSweepsAndAReusedPidStartsOver(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "leaky", 100 * 1024, "/system.slice/leaky.service");
    Fixtures.write(dir, "proc/stat", "cpu  1 2 3 4\nbtime 1700000000\nprocesses 9\n");
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics());
    long t = 1_700_000_100_000L;
    assertNull(reader.read(t).get(0).rssGrowth()); // one point
    Fixtures.write(dir, "proc/40/status", Fixtures.status(1000, 110 * 1024));
    assertNull(reader.read(t + 20_000).get(0).rssGrowth()); // two points, 20 s: not yet
    Fixtures.write(dir, "proc/40/status", Fixtures.status(1000, 120 * 1024));
    ProcessSample third = reader.read(t + 40_000).get(0);
    // +10 MiB every 20 s is +30 MiB a minute
    assertEquals(30.0 * 1024 * 1024, third.rssGrowth(), 1e-6);
    assertEquals("leaky.service", third.unit());
    assertEquals(1_700_000_000_000L + 5000, third.startTime()); // Fixtures.stat has starttime 500 ticks

    // the pid is reused by a new process (another starttime): its history starts empty
    Fixtures.write(dir, "proc/40/stat", Fixtures.stat(40, "leaky", "S", 1).replace(" 500 ", " 9000 "));
    assertNull(reader.read(t + 60_000).get(0).rssGrowth());
    assertEquals(1_700_000_000_000L + 90_000, reader.read(t + 60_001).get(0).startTime());
  }

  @Test
  void withoutBootTimeStartTimesAreNullAndCountedOnce(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "p", 100, "/");
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), metrics);
    assertNull(reader.read(1L).get(0).startTime());
    reader.read(2L);
    assertEquals(2, metrics.missingSources()); // proc/stat and smaps_rollup (the tree has neither), once each
    Fixtures.write(dir, "proc/stat", "cpu  1 2 3 4\nbtime soon\n");
    ProcessSample p = reader.read(3L).get(0);
    assertNull(p.startTime());
    assertEquals(1, metrics.skippedRecords());
    assertEquals(1, p.threads()); // the rest of the process is unaffected
  }

  @Test
  void openFdsCountsEntriesAndAMissingFdDirLeavesNull(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "p", 100, "/");
    Fixtures.process(dir, 41, "q", 100, "/");
    for (int fd = 0; fd < 7; fd++) {
      Fixtures.write(dir, "proc/40/fd/" + fd, "");
    }
    ProbeMetrics metrics = new ProbeMetrics();
    Map<Integer, ProcessSample> byPid =
        byPid(new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), metrics).read(1L));
    assertEquals(7, byPid.get(40).openFds());
    assertNull(byPid.get(41).openFds()); // fd/ missing while the process is there: the process is kept
    assertEquals(0, metrics.vanishedProcesses() + metrics.skippedRecords());
  }

  @Test
  void selectionIsClearedWhenAReadFails(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "p", 100, "/");
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics());
    assertEquals(List.of(), reader.selected());
    reader.read(1L);
    assertEquals(List.of(40), reader.selected().stream().map(ProcessSample::pid).toList());
    try (Stream<Path> tree = Files.walk(dir.resolve("proc"))) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThrows(IOException.class, () -> reader.read(2L));
    assertEquals(List.of(), reader.selected());
  }

  @Test
  void cmdlineIsReusedForTheSameProcessWithinItsAgeBound(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "app", 100, "/");
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics());
    long t = 1_700_000_000_000L;
    assertEquals("app --flag", reader.read(t).get(0).cmdline());
    Fixtures.write(dir, "proc/40/cmdline", "app\0--retitled\0"); // setproctitle: same process, new argv
    Fixtures.write(dir, "proc/40/status", Fixtures.status(1000, 200)); // the cheap fields stay fresh
    ProcessSample cached = reader.read(t + ProcessReader.CMDLINE_MAX_AGE_MILLIS - 1).get(0);
    assertEquals("app --flag", cached.cmdline());
    assertEquals(200 * KIB, cached.rss());
    assertEquals("app --retitled", reader.read(t + ProcessReader.CMDLINE_MAX_AGE_MILLIS).get(0).cmdline());
  }

  @Test
  void aNewProcessWithAReusedPidIsNotServedTheOldCmdline(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "old", 100, "/");
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics());
    assertEquals("old --flag", reader.read(1_000L).get(0).cmdline());
    // pid 40 exits and a new process gets the number: same comm even, another start time (stat field 22)
    Fixtures.write(dir, "proc/40/stat", Fixtures.stat(40, "old", "S", 1).replace(" 500 ", " 9000 "));
    Fixtures.write(dir, "proc/40/cmdline", "old\0--new-instance\0");
    assertEquals("old --new-instance", reader.read(2_000L).get(0).cmdline());
    // the same process execs another program: start time kept, comm changed
    Fixtures.write(dir, "proc/40/stat", Fixtures.stat(40, "python3", "S", 1).replace(" 500 ", " 9000 "));
    Fixtures.write(dir, "proc/40/cmdline", "python3\0job.py\0");
    assertEquals("python3 job.py", reader.read(3_000L).get(0).cmdline());
  }

  @Test
  void aZombieIsNotServedTheCmdlineItHadAlive(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "app", 100, "/");
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics());
    assertEquals("app --flag", reader.read(1_000L).get(0).cmdline());
    Fixtures.write(dir, "proc/40/stat", Fixtures.stat(40, "app", "Z", 1));
    Fixtures.write(dir, "proc/40/status", "Name:\tapp\nUid:\t1000\t1000\t1000\t1000\nThreads:\t1\n");
    // exit released the mm, so the kernel shows no arguments: the reader knows that without reading the file
    Files.delete(dir.resolve("proc/40/cmdline"));
    ProcessSample zombie = reader.read(2_000L).get(0);
    assertEquals("Z", zombie.state());
    assertEquals("", zombie.cmdline());
  }

  @Test
  void aKernelThreadsCmdlineIsEmptyWithoutARead(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 2, "kthreadd", 0, "/");
    Fixtures.write(dir, "proc/2/stat", Fixtures.stat(2, "kthreadd", "S", 0).replace(" 4194560 ", " 2129984 "));
    Fixtures.write(dir, "proc/2/status", "Name:\tkthreadd\nUid:\t0\t0\t0\t0\nThreads:\t1\n");
    Files.delete(dir.resolve("proc/2/cmdline"));
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessSample kthreadd = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), metrics).read(1L).get(0);
    assertEquals(true, kthreadd.kernelThread());
    assertEquals("", kthreadd.cmdline());
    assertEquals(0, metrics.skippedRecords() + metrics.vanishedProcesses());
  }

  @Test
  void cgroupNamesFollowTheFileWhenTheProcessMoves(@TempDir Path dir) throws IOException {
    Fixtures.process(dir, 40, "app", 100, "/system.slice/app.service");
    ProcessReader reader = new ProcessReader(new HostRoot(dir), ProbeSettings.defaults(), new ProbeMetrics());
    assertEquals("app.service", reader.read(1L).get(0).unit());
    assertEquals("app.service", reader.read(2L).get(0).unit()); // the same bytes: the memoised names
    Fixtures.write(dir, "proc/40/cgroup", "0::/system.slice/other.service\n");
    ProcessSample moved = reader.read(3L).get(0);
    assertEquals("other.service", moved.unit());
    assertEquals("/system.slice/other.service", moved.memoryCgroup());
  }

  /** Reader threads change how the table is read, never what is read: the same samples and selection as one. */
  @Test
  void twoReaderThreadsGiveWhatOneGives() throws IOException {
    for (String host : List.of("cgroup-v1-host", "cgroup-v2-host", "old-kernel")) {
      ProbeMetrics oneMetrics = new ProbeMetrics();
      ProbeMetrics twoMetrics = new ProbeMetrics();
      ProcessReader one = reader(host, new ProbeSettings(2, false, 1, 1), oneMetrics);
      ProcessReader two = reader(host, new ProbeSettings(2, false, 1, 2), twoMetrics);
      for (long t = 1; t <= 3; t++) {
        assertEquals(one.read(t, Set.of("/process_api/abc")), two.read(t, Set.of("/process_api/abc")), host);
        assertEquals(one.selected(), two.selected(), host);
      }
      assertEquals(oneMetrics.toString(), twoMetrics.toString(), host);
    }
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
