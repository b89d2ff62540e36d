package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The fields beyond the cheap ones, on the real host, checked against what the JVM knows about itself. */
@EnabledOnOs(OS.LINUX)
class LiveProcessFieldsTest {

  private static final int SELF = (int) ProcessHandle.current().pid();

  @Test
  void startTimeThreadsFdsAndLimitsOfThisJvm() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    ProcessReader reader = new ProcessReader(HostRoot.live(), new ProbeSettings(100_000, false), metrics);
    ProcessSample self = self(reader.read(System.currentTimeMillis()));

    // the JDK derives startInstant from the same stat field; btime has whole seconds, so allow a little more
    Instant jdk = ProcessHandle.current().info().startInstant().orElseThrow();
    assertNotNull(self.startTime());
    assertTrue(Math.abs(self.startTime() - jdk.toEpochMilli()) <= 2_000,
        "start " + Instant.ofEpochMilli(self.startTime()) + " vs the JDK's " + jdk);
    assertTrue(self.threads() >= 2, "a JVM runs more than one thread: " + self.threads());
    assertTrue(self.openFds() >= 3, "stdin, stdout, stderr at least: " + self.openFds());
    assertNotNull(self.swapPss(), "smaps_rollup of our own process is always readable");
    assertNull(self.rssGrowth(), "one sweep is no trend");
    String fromMemoryCgroup = CgroupPaths.container(self.memoryCgroup());
    if (fromMemoryCgroup != null) { // inside docker, containerd or a pod the JVM knows which container it runs in
      assertEquals(fromMemoryCgroup, self.container());
    }

    List<ProcessLimits> limits = new LimitsReader(HostRoot.live(), metrics).read(1L, List.of(self));
    assertEquals(1, limits.size());
    ProcessLimits l = limits.get(0);
    assertTrue(l.openFiles() >= 3 && l.openFilesHard() >= l.openFiles(), l.toString());
    assertNotNull(l.addressSpace());
    assertNotNull(l.lockedMemory());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void rssGrowthAppearsAfterThreeSweepsFortySecondsApartInSweepTime() throws IOException {
    // the history goes by the sweep timestamps it is given, so three quick reads stand in for 40 s of sweeps
    ProcessReader reader = new ProcessReader(HostRoot.live(), ProbeSettings.defaults(), new ProbeMetrics());
    long t = System.currentTimeMillis();
    assertNull(self(reader.read(t)).rssGrowth());
    assertNull(self(reader.read(t + 20_000)).rssGrowth());
    ProcessSample third = self(reader.read(t + 40_000));
    assertNotNull(third.rssGrowth(), "three points over 40 s give a slope");
    // whatever the JVM did in those milliseconds, a rate in bytes per minute stays below 1 TiB/min
    assertTrue(Math.abs(third.rssGrowth()) < 1L << 40, String.valueOf(third.rssGrowth()));
  }

  /**
   * On Linux 6.2+ the fd count comes from stat() of fd/ ({@link PidFiles#sizeIsCount}); it must be the number a
   * listing counts. Children with a known, steady set of descriptors (three pipes, or /dev/null) are compared.
   */
  @Test
  void openFdCountFromStatIsTheListingCount() throws Exception {
    List<Process> children = new ArrayList<>();
    try {
      children.add(new ProcessBuilder("sleep", "30").start());
      children.add(new ProcessBuilder("sleep", "30").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
      ProcessReader reader = new ProcessReader(HostRoot.live(), ProbeSettings.defaults(), new ProbeMetrics());
      List<ProcessSample> all = reader.read(System.currentTimeMillis());
      String[] version = System.getProperty("os.version").split("[.-]");
      boolean newKernel = Integer.parseInt(version[0]) > 6
          || Integer.parseInt(version[0]) == 6 && Integer.parseInt(version[1]) >= 2;
      assertEquals(newKernel, PidFiles.sizeIsCount(HostRoot.live()), "kernel " + System.getProperty("os.version"));
      for (Process child : children) {
        Path fd = Path.of("/proc", Long.toString(child.pid()), "fd");
        long listed;
        try (Stream<Path> entries = Files.list(fd)) {
          listed = entries.count();
        }
        ProcessSample sample = all.stream().filter(p -> p.pid() == child.pid()).findFirst().orElseThrow();
        assertEquals((int) listed, sample.openFds(), "pid " + child.pid());
        assertTrue(listed >= 3, "stdin, stdout, stderr: " + listed);
      }
    } finally {
      children.forEach(Process::destroy);
    }
  }

  private static ProcessSample self(List<ProcessSample> all) {
    return all.stream().filter(p -> p.pid() == SELF).findFirst().orElseThrow();
  }
}
