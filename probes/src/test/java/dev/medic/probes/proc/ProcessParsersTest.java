package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests for the per-process parsers: {@link PidStat}, {@link PidStatus}, {@link SmapsRollup}, {@link ProcessDraft},
 * {@link BootTime}, {@link PsiFormat}.
 */
class ProcessParsersTest {

  private static final String ID = "27e398728627f6e465cae202fbebc805f95ef5ab9c918af25c9ff02d24f4d5de";

  private static final String TAIL = " 0 0 0 0 -1 4194560 15637 461717 0 193 29 132 2043 525 20 0 13 0 22 40341504 2558"
      + " 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

  static Stream<Arguments> stats() {
    return Stream.of(
        Arguments.of("1 (systemd) S" + TAIL, new PidStat(1, "systemd", "S", 0, 4194560L, 15637L, 0L, 22L)),
        Arguments.of("4242 (evil) R 1 (x) S" + TAIL, new PidStat(4242, "evil) R 1 (x", "S", 0, 4194560L, 15637L, 0L,
            22L)),
        Arguments.of("77 (a\nb) c) D" + TAIL, new PidStat(77, "a\nb) c", "D", 0, 4194560L, 15637L, 0L, 22L)),
        Arguments.of("78 () Z" + TAIL, new PidStat(78, "", "Z", 0, 4194560L, 15637L, 0L, 22L)),
        // a line that ends before starttime still gives the fields Medic cannot do without
        Arguments.of("79 ((sd-pam)) S 1 79 79 0 -1 1077936384 1 2",
            new PidStat(79, "(sd-pam)", "S", 1, 1077936384L, 1L, null, null)),
        Arguments.of(
            "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 22 0 0", new PidStat(2, "kthreadd", "S", 0,
                2129984L, 0L, 0L, 22L)),
        Arguments.of("4194304 (big pid) S 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 987654321 0 0",
            new PidStat(4194304, "big pid", "S", 1, 4194560L, 0L, 0L, 987654321L)));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("stats")
  void parsesStat(String content, PidStat expected) throws KernelFormatException {
    assertEquals(expected, PidStat.parse(content));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({
    "''",
    "'4242 evil S 1 2 3 4 5 6'", // no parentheses
    "'4242 (evil) S 1 4242 4242 0'", // truncated before flags
    "'4242 (evil'",
    "'x42 (evil) S 1 4242 4242 0 -1 4194560'",
    "'4242 (evil) SS 1 4242 4242 0 -1 4194560'",
    "'4242 (evil) S one 4242 4242 0 -1 4194560'",
    "'4242 (evil) S 1 4242 4242 0 -1 flags'",
    // pid_t is 32 bits: these once escaped as ArithmeticException from Math.toIntExact
    "'2147483648 (evil) S 1 4242 4242 0 -1 4194560'",
    "'99999999999999999999 (evil) S 1 4242 4242 0 -1 4194560'",
    "'4242 (evil) S 2147483648 4242 4242 0 -1 4194560'",
    "'0 (evil) S 1 4242 4242 0 -1 4194560'",
    "'-4242 (evil) S 1 4242 4242 0 -1 4194560'",
    "'4242 (evil) S -1 4242 4242 0 -1 4194560'",
    "'4242 (evil) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 soon'", // starttime garbled
    "'4242 (evil) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 2)2 0 0 0 0 0 0 0 0 0'", // a stray ')'
    "'4242 (evil) 7 1 4242 4242 0 -1 4194560'",
    "'4242 (evil) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 -5'",
    "'4242 (evil) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 9223372036854775807'",
  })
  void rejectsGarbledStat(String content) {
    assertThrows(KernelFormatException.class, () -> PidStat.parse(content));
  }

  @Test
  void kernelThreadFlag() throws KernelFormatException {
    assertTrue(PidStat.parse("2 (kthreadd) S 0 0 0 0 -1 2129984 0").kernelThread()); // 0x208040
    assertTrue(PidStat.parse("2 (kthreadd) S 0 0 0 0 -1 2149613888 0").kernelThread()); // 3.10: 0x80208040
    assertFalse(PidStat.parse("1 (init) S 0 0 0 0 -1 4194560 0").kernelThread()); // 0x400100
  }

  @Test
  void parsesStatus() throws KernelFormatException {
    String status = "Name:\tjava\nState:\tS (sleeping)\nUid:\t1001\t1002\t1003\t1004\nVmRSS:\t  204800 kB\n"
        + "VmSwap:\t     512 kB\n";
    assertEquals(new PidStatus(1001, 204800L * 1024, 512L * 1024, null, null, null),
        PidStatus.parse(status, new ProbeMetrics()));
    assertEquals(37, PidStatus.parse(status + "Threads:\t37\n", new ProbeMetrics()).threads());
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({"'Threads:\tmany\n'", "'Threads:\t-3\n'", "'Threads:\t99999999999\n'"})
  void garbledThreadsIsCountedAndNull(String line) throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    PidStatus status = PidStatus.parse("Uid:\t5\t5\t5\t5\nVmRSS:\t20 kB\n" + line, metrics);
    assertNull(status.threads());
    assertEquals(20 * 1024L, status.rss());
    assertEquals(1, metrics.skippedRecords());
  }

  /** An exiting process shows 0 threads (seen while churning hundreds of children): absent, not garbled. */
  @Test
  void zeroThreadsIsAnExitingProcessNotAGarbledLine() throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    assertNull(PidStatus.parse("Uid:\t5\t5\t5\t5\nVmRSS:\t20 kB\nThreads:\t0\n", metrics).threads());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void startMillisIsBootTimePlusTicks() throws KernelFormatException {
    PidStat stat = PidStat.parse("1 (systemd) S" + TAIL);
    assertEquals(1_700_000_000_000L + 220, stat.startMillis(1_700_000_000_000L));
    assertNull(stat.startMillis(null));
    assertNull(PidStat.parse("79 ((sd-pam)) S 1 79 79 0 -1 1077936384 1 2").startMillis(1L));
  }

  @Test
  void kernelThreadStatusHasNoMemoryLines() throws KernelFormatException {
    PidStatus status =
        PidStatus.parse("Name:\tkthreadd\nUid:\t0\t0\t0\t0\nKthread:\t1\nThreads:\t1\n", new ProbeMetrics());
    assertEquals(new PidStatus(0, null, null, 1, null, null), status);
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({"'Name:\tx\n'", "'Uid:\n'", "'Uid:\troot\t0\t0\t0\n'", "'Uid 0 0 0 0\n'", "'Uid:\t-1\t0\t0\t0\n'",
      "'Uid:\t4294967294\t0\t0\t0\n'"})
  void statusWithoutUidIsRejected(String content) {
    assertThrows(KernelFormatException.class, () -> PidStatus.parse(content, new ProbeMetrics()));
  }

  @Test
  void malformedVmRssIsCountedAndNull() throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    assertNull(PidStatus.parse("Uid:\t5\t5\t5\t5\nVmRSS:\t  20", metrics).rss());
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void parsesSmapsRollup() throws KernelFormatException {
    String rollup = """
        558ab2e74000-7fff16c1b000 ---p 00000000 00:00 0                          [rollup]
        Rss:                1760 kB
        Pss:                 429 kB
        Pss_Dirty:           116 kB
        Shared_Clean:       1608 kB
        Shared_Dirty:          0 kB
        Private_Clean:        36 kB
        Private_Dirty:       116 kB
        Swap:                  0 kB
        """;
    assertEquals(new SmapsRollup(429 * 1024, (36 + 116) * 1024, null), SmapsRollup.parse(rollup, new ProbeMetrics()));
    assertEquals(new SmapsRollup(429 * 1024, (36 + 116) * 1024, 12 * 1024L),
        SmapsRollup.parse(rollup + "SwapPss:              12 kB\n", new ProbeMetrics()));
    assertThrows(KernelFormatException.class, () -> SmapsRollup.parse("Rss: 10 kB\nPss: 5 kB\n", new ProbeMetrics()));
    ProbeMetrics metrics = new ProbeMetrics();
    assertNull(SmapsRollup.parse(rollup + "SwapPss: lots\n", metrics).swapPss());
    assertEquals(1, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "v1 hybrid, '12:pids:/\n11:memory:/process_api/abc\n1:name=systemd:/\n0::/init.scope\n', /process_api/abc",
        "v1 shared hierarchy, '4:cpu,memory,blkio:/docker/x\n0::/\n', /docker/x",
        "v1 before cgroup2, '11:memory:/docker/abc\n1:name=systemd:/\n', /docker/abc",
        "v2 only, '0::/system.slice/docker-abc123.scope\n', /system.slice/docker-abc123.scope",
        "name=memory is not the controller, '1:name=memory:/fake\n0::/real\n', /real",
        "colon in the path, '0::/weird:name\n', /weird:name",
        "no memory line, '12:pids:/\n1:name=systemd:/\n', NULL",
        "empty, '', NULL",
      })
  void memoryCgroup(String name, String content, String expected) {
    assertEquals(expected, CgroupNames.memoryCgroup(content));
  }

  /** Which line of /proc/<pid>/cgroup names the unit and the container on v1, hybrid and v2 hosts. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "v2, '0::/system.slice/nginx.service\n', nginx.service, NULL",
        "v1 unit without MemoryAccounting, '11:memory:/\n1:name=systemd:/system.slice/nginx.service\n',"
            + " nginx.service, NULL",
        "hybrid, '11:memory:/\n1:name=systemd:/system.slice/cron.service\n0::/system.slice/cron.service\n',"
            + " cron.service, NULL",
        "v1 docker cgroupfs driver, '11:memory:/docker/" + ID + "\n1:name=systemd:/docker/" + ID + "\n', NULL, " + ID,
        "v1 docker systemd driver, '11:memory:/system.slice/docker-" + ID + ".scope\n"
            + "1:name=systemd:/system.slice/docker-" + ID + ".scope\n', docker-" + ID + ".scope, " + ID,
        "v1 memory only, '11:memory:/user.slice/user-1000.slice/session-3.scope\n1:name=systemd:/\n',"
            + " session-3.scope, NULL",
        "nothing, '12:pids:/\n', NULL, NULL",
      })
  void unitAndContainerFromTheCgroupFile(String name, String cgroupFile, String unit, String container)
      throws KernelFormatException {
    ProcessDraft d = ProcessDraft.of(Path.of("/proc/5"), PidStat.parse("5 (x) S" + TAIL),
        new PidStatus(0, 4096L, 0L, 1, null, null), CgroupNames.of(cgroupFile), "x", 0, 0, 3);
    assertEquals(unit, d.unit());
    assertEquals(container, d.container());
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({
    "'cpu  1 2 3\nbtime 1699999000\nprocesses 5\n', 1699999000000",
    "'btime 1\n', 1000",
  })
  void bootTime(String content, long millis) throws KernelFormatException {
    assertEquals(millis, BootTime.parseMillis(content));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({"''", "'cpu  1 2 3\n'", "'btime\n'", "'btime soon\n'", "'btime -5\n'", "'btime 0\n'",
      "'btime 99999999999999\n'", "'xbtime 1699999000\n'"})
  void badBootTime(String content) {
    assertThrows(KernelFormatException.class, () -> BootTime.parseMillis(content));
  }

  @Test
  void psiAveragesForCgroups() throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(new PsiFormat.Avg10(1.52, 0.97), PsiFormat.avg10(
        "some avg10=1.52 avg60=0.76 avg300=0.30 total=10641049\nfull avg10=0.97 avg60=0.48 avg300=0.19 total=5\n",
        metrics));
    assertEquals(new PsiFormat.Avg10(0.5, null), PsiFormat.avg10("some avg10=0.50 avg60=0 avg300=0 total=1\n",
        metrics));
    assertThrows(KernelFormatException.class, () -> PsiFormat.avg10("full avg10=1 avg60=0 avg300=0 total=1", metrics));
    assertThrows(KernelFormatException.class,
        () -> PsiFormat.avg10("some avg10=99999999999999999999.35 avg60=0 avg300=0 total=1", metrics));
    assertEquals(1, metrics.skippedRecords(), "the overflowed some line was a bad record");
    // a garbled full line (a share of time cannot be negative) is a bad record: skipped and counted
    assertEquals(new PsiFormat.Avg10(1.0, null), PsiFormat.avg10(
        "some avg10=1 avg60=0 avg300=0 total=1\nfull avg10=-2 avg60=0 avg300=0 total=1", metrics));
    assertEquals(2, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "args, '/usr/bin/java\u0000-Xmx256m\u0000-jar\u0000/srv/app.jar\u0000', '/usr/bin/java -Xmx256m -jar /srv/app.jar'",
    "no trailing NUL, 'a\u0000b', 'a b'",
    "rewritten by setproctitle, 'nginx: master process nginx', 'nginx: master process nginx'",
    "padding NULs, 'postgres: writer\u0000\u0000\u0000\u0000', 'postgres: writer'",
    "kernel thread, '', ''",
    "space inside an argument, 'sh\u0000-c\u0000sleep 1000\u0000', 'sh -c sleep 1000'",
  })
  void cmdline(String name, String raw, String expected) {
    assertEquals(expected, ProcessDraft.cmdline(raw));
  }

  /** The byte parsers on the files of a real process and kernel thread, captured on Linux 6.18 (cgroup v1 host). */
  @Test
  void parsesTheFilesOfARealProcessOnLinux618() throws Exception {
    Path sleep = Fixtures.host("pid-files-6.18").root().resolve("sleep");
    byte[] stat = Files.readAllBytes(sleep.resolve("stat"));
    assertEquals(new PidStat(13124, "sleep", "S", 1, 4194304L, 132L, 0L, 840412L), PidStat.parse(stat, stat.length));
    ProbeMetrics metrics = new ProbeMetrics();
    byte[] status = Files.readAllBytes(sleep.resolve("status"));
    assertEquals(new PidStatus(0, 1812 * 1024L, 0L, 1, 13124, 108 * 1024L),
        PidStatus.parse(status, status.length, metrics));
    byte[] rollup = Files.readAllBytes(sleep.resolve("smaps_rollup"));
    assertEquals(new SmapsRollup(110 * 1024, 108 * 1024, 0L), SmapsRollup.parse(rollup, rollup.length, metrics));
    byte[] cmdline = Files.readAllBytes(sleep.resolve("cmdline"));
    assertEquals("sleep 900", ProcessDraft.cmdline(cmdline, cmdline.length));
    assertEquals(new CgroupNames("/process_api/1fb91c6a17b993c27271712e50a6c79f", null, null),
        CgroupNames.of(Files.readString(sleep.resolve("cgroup"))));
    assertEquals(0, metrics.skippedRecords());

    Path kthreadd = sleep.resolveSibling("kthreadd");
    byte[] kstat = Files.readAllBytes(kthreadd.resolve("stat"));
    assertTrue(PidStat.parse(kstat, kstat.length).kernelThread());
    byte[] kstatus = Files.readAllBytes(kthreadd.resolve("status"));
    assertEquals(new PidStatus(0, null, null, 1, 2, null), PidStatus.parse(kstatus, kstatus.length, metrics));
    assertEquals(0, metrics.skippedRecords());
  }

  /** A buffer larger than the file, with stale bytes of a longer earlier file after it, parses only the file. */
  @Test
  void parsersReadOnlyTheGivenLength() throws KernelFormatException {
    byte[] b = new byte[4096];
    byte[] longer = ("1 (systemd) S" + TAIL).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    System.arraycopy(longer, 0, b, 0, longer.length);
    byte[] shorter = "2 (x) R 1 2 2 0 -1 4194560 0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    System.arraycopy(shorter, 0, b, 0, shorter.length);
    assertEquals(new PidStat(2, "x", "R", 1, 4194560L, 0L, null, null), PidStat.parse(b, shorter.length));
  }
}
