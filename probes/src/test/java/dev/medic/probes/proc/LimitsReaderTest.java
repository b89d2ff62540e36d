package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link LimitsReader}. */
class LimitsReaderTest {

  private static final long MAX = Long.MAX_VALUE;

  /** /proc/self/limits of a shell on Ubuntu 24.04, fixed-width as fs/proc/base.c prints it. */
  static final String UBUNTU = """
      Limit                     Soft Limit           Hard Limit           Units    \s
      Max cpu time              unlimited            unlimited            seconds  \s
      Max file size             unlimited            unlimited            bytes    \s
      Max data size             unlimited            unlimited            bytes    \s
      Max stack size            8388608              unlimited            bytes    \s
      Max core file size        0                    unlimited            bytes    \s
      Max resident set          unlimited            unlimited            bytes    \s
      Max processes             63304                63304                processes\s
      Max open files            1024                 1048576              files    \s
      Max locked memory         2077929472           2077929472           bytes    \s
      Max address space         unlimited            unlimited            bytes    \s
      Max file locks            unlimited            unlimited            locks    \s
      Max pending signals       63304                63304                signals  \s
      Max msgqueue size         819200               819200               bytes    \s
      Max nice priority         0                    0                   \s
      Max realtime priority     0                    0                   \s
      Max realtime timeout      unlimited            unlimited            us       \s
      """;

  @Test
  void parsesAFullTable() throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessLimits l = LimitsReader.fact(5L, 77, "bash", LimitsReader.parse(UBUNTU, metrics), null);
    assertEquals(new ProcessLimits(5L, 77, "bash", 1024L, 1048576L, MAX, MAX, MAX, 63304L, 2077929472L, null, null), l);
    assertEquals(0, metrics.skippedRecords());
  }

  /** Each row replaces one line of {@link #UBUNTU}; the fact must be as listed, the skipped count as given. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "no open files line | Max open files | '' | NULL | NULL | 0",
        "unlimited open files | Max open files | Max open files unlimited unlimited files | " + MAX + " | " + MAX
            + " | 0",
        "soft below hard | Max open files | Max open files            64   4096   files | 64 | 4096 | 0",
        "garbled value | Max open files | Max open files            lots 4096 files | NULL | NULL | 1",
        "negative value | Max open files | Max open files            -1   4096 files | NULL | NULL | 1",
        "one column only | Max open files | Max open files            1024 | NULL | NULL | 1",
        "a limit a newer kernel added | Max realtime timeout | Max shiny new thing  5 5 things | 1024 | 1048576 | 0",
        "a line that is no limit | Max realtime timeout | garbage | 1024 | 1048576 | 1",
      })
  void linesMissingOrDamaged(String name, String line, String replacement, Long soft, Long hard, int skipped)
      throws KernelFormatException {
    String content = UBUNTU.lines().map(l -> l.startsWith(line) ? replacement : l).reduce("", (a, b) -> a + b + "\n");
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessLimits l = LimitsReader.fact(1L, 1, "x", LimitsReader.parse(content, metrics), null);
    assertEquals(soft, l.openFiles());
    assertEquals(hard, l.openFilesHard());
    assertEquals(MAX, l.addressSpace()); // the other lines are unaffected
    assertEquals(skipped, metrics.skippedRecords());
  }

  @Test
  void namesAreMatchedWholeNotByPrefix() throws KernelFormatException {
    // a longer name that starts with a known one is another limit
    Map<String, LimitsReader.Limit> limits = LimitsReader.parse("Max data sizes 1 1 bytes\nMax data size 7 9 bytes\n",
        new ProbeMetrics());
    assertEquals(new LimitsReader.Limit(7, 9), limits.get("Max data size"));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({"''", "'Limit                     Soft Limit           Hard Limit           Units\n'", "'garbage\n'"})
  void noKnownLimitIsAFormatError(String content) {
    assertThrows(KernelFormatException.class, () -> LimitsReader.parse(content, new ProbeMetrics()));
  }

  @Test
  void readsTheSelectedProcessesOfTheV2Host() throws IOException {
    HostRoot host = Fixtures.host("cgroup-v2-host");
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessReader processes = new ProcessReader(host, ProbeSettings.defaults(), metrics);
    processes.read(3L);
    List<ProcessLimits> limits = new LimitsReader(host, metrics).read(3L, processes.selected());
    assertEquals(List.of(1, 3000, 3001, 4100, 4200), limits.stream().map(ProcessLimits::pid).toList());
    assertEquals(new ProcessLimits(3L, 4200, "python3", 20L, 4096L, 4294967296L, MAX, MAX, 63304L, 8388608L,
        17, 85.0),
        limits.get(4));
    assertEquals(new ProcessLimits(3L, 1, "systemd", 1073741816L, 1073741816L, MAX, MAX, MAX, 63304L, 8388608L,
        12, 0.0),
        limits.get(0));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources() + metrics.vanishedProcesses());
  }

  @Test
  void exitedProcessesAreLeftOutAndAMissingFileIsCountedOnce(@TempDir Path dir) {
    Fixtures.process(dir, 10, "a", 100, "/");
    Fixtures.process(dir, 11, "b", 100, "/");
    Fixtures.write(dir, "proc/12/limits", UBUNTU);
    Fixtures.write(dir, "proc/14/limits", ""); // what the kernel prints for a task that is exiting
    ProbeMetrics metrics = new ProbeMetrics();
    LimitsReader reader = new LimitsReader(new HostRoot(dir), metrics);
    List<ProcessSample> processes =
        List.of(sample(10, "a"), sample(11, "b"), sample(12, "c"), sample(13, "gone"), sample(14, "exiting"));
    assertEquals(List.of(12), reader.read(1L, processes).stream().map(ProcessLimits::pid).toList());
    reader.read(2L, processes);
    assertEquals(1, metrics.missingSources()); // 10 and 11 have a directory but no limits file, twice
    assertEquals(4, metrics.vanishedProcesses()); // 13 has no directory at all, 14 is exiting; twice each
    assertEquals(0, metrics.skippedRecords());
  }

  private static ProcessSample sample(int pid, String comm) {
    return new ProcessSample(1L, pid, 1, comm, comm, 0, "S", 4096, 0L, "/", 0, 0, null, null, false);
  }

  @Test
  void limitsAreReusedForTheSameProcessAndReadAfreshForAReusedPid(@TempDir Path dir) {
    Fixtures.process(dir, 40, "app", 100, "/");
    Fixtures.write(dir, "proc/40/limits", UBUNTU);
    LimitsReader reader = new LimitsReader(new HostRoot(dir), new ProbeMetrics());
    ProcessSample app = new ProcessSample(1L, 40, 1, "app", "app", 0, "S", 1, 0L, "/", 0, 0, null, null, false,
        5_000L, 1, 3, null, null, null, null);
    assertEquals(1024L, reader.read(1_000L, List.of(app)).get(0).openFiles());
    Fixtures.write(dir, "proc/40/limits", UBUNTU.replace("Max open files            1024 ",
        "Max open files            4096 "));
    ProcessLimits cached = reader.read(2_000L, List.of(app)).get(0);
    assertEquals(1024L, cached.openFiles(), "within the age bound: the value read at 1,000");
    assertEquals(2_000L, cached.timestamp());
    assertEquals(4096L, reader.read(1_000L + LimitsReader.MAX_AGE_MILLIS, List.of(app)).get(0).openFiles());

    Fixtures.write(dir, "proc/40/limits", UBUNTU);
    ProcessSample reused = new ProcessSample(1L, 40, 1, "app", "app", 0, "S", 1, 0L, "/", 0, 0, null, null, false,
        9_000L, 1, 3, null, null, null, null); // the pid of an exited process, another start time
    assertEquals(1024L, reader.read(1_001L + LimitsReader.MAX_AGE_MILLIS, List.of(reused)).get(0).openFiles());
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "973, 1024, 95.02", "1024, 1024, 100.0", "0, 1024, 0.0", "null, 1024, null", "10, null, null",
      "10, 9223372036854775807, null", "10, 0, null"})
  void openFdsAreAPercentageOfTheSoftLimit(Integer fds, Long limit, Double percent) {
    assertEquals(percent, LimitsReader.fdsPercent(fds, limit));
  }

  @Test
  void theLiveReaderSetsTheTestJvmsOpenFdsAgainstItsLimit() {
    int self = (int) ProcessHandle.current().pid();
    ProcessSample me = new ProcessSample(1L, self, 1, "java", "java", 0, "S", 1, 0L, "/", 0, 0, null, null, false,
        null, 1, 57, null, null, null, null);
    ProcessLimits l = new LimitsReader(HostRoot.live(), new ProbeMetrics()).read(1L, List.of(me)).get(0);
    assertEquals(57, l.openFds());
    assertEquals(LimitsReader.fdsPercent(57, l.openFiles()), l.openFdsPercent());
  }
}
