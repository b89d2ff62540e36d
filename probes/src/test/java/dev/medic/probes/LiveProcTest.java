package dev.medic.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.proc.PidStat;
import dev.medic.probes.proc.PidStatus;
import dev.medic.probes.proc.ProcessIdentity;
import dev.medic.probes.proc.ProcessReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Reads the real host and finds this test JVM in it. */
@EnabledOnOs(OS.LINUX)
class LiveProcTest {

  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void findsThisJvm() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    // topN this large puts every process, this JVM included, in the smaps_rollup set
    List<ProcessSample> all =
        new ProcessReader(HostRoot.live(), new ProbeSettings(100_000, false), metrics).read(System.currentTimeMillis());
    ProcessSample self = all.stream().filter(p -> p.pid() == SELF).findFirst().orElseThrow();

    assertEquals("java", self.comm());
    assertFalse(self.kernelThread());
    assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), self.ppid());
    assertEquals(Files.getAttribute(HostRoot.live().proc("self"), "unix:uid"), self.uid());
    assertTrue(self.cmdline().contains(LiveProcTest.class.getPackageName()) || self.cmdline().contains("surefire"),
        self.cmdline());
    assertTrue(self.rss() > 10L * 1024 * 1024, "a JVM has more than 10 MiB resident: " + self.rss());
    assertNotNull(self.pss(), "smaps_rollup of our own process is always readable");
    assertNotNull(self.uss());
    assertTrue(self.uss() > 0 && self.uss() <= self.pss(), self.uss() + " <= " + self.pss());
    assertNotNull(self.memoryCgroup());
    assertTrue(self.memoryCgroup().startsWith("/"), self.memoryCgroup());
    assertNotNull(self.oomScoreAdj());
    assertTrue(all.stream().anyMatch(ProcessSample::kernelThread) || !Files.exists(HostRoot.live().proc("2")));
  }

  /** What actions read of one pid on demand is exactly what the sweep put in its ProcessSample. */
  @Test
  void oneProcessReadOnDemandAgreesWithTheSweep() throws Exception {
    ProcessReader reader = new ProcessReader(HostRoot.live(), new ProbeSettings(0, false), new ProbeMetrics());
    ProcessSample self = reader.read(System.currentTimeMillis()).stream().filter(p -> p.pid() == SELF).findFirst()
        .orElseThrow();
    int pid = (int) SELF;

    assertEquals(self.startTime(), ProcessIdentity.startMillis(HostRoot.live(), pid).orElseThrow());
    PidStat stat = ProcessIdentity.stat(HostRoot.live(), pid).orElseThrow();
    assertEquals(self.comm(), stat.comm());
    assertEquals(self.ppid(), stat.ppid());
    assertEquals(self.kernelThread(), stat.kernelThread());
    assertTrue(ProcessIdentity.alive(HostRoot.live(), pid));
    assertEquals(self.cmdline(), ProcessIdentity.cmdline(HostRoot.live(), pid));
    PidStatus status = PidStatus.read(HostRoot.live(), pid, new ProbeMetrics());
    assertEquals(self.uid(), status.uid());
    assertEquals(pid, status.tgid());
    assertNotNull(status.rssAnon());
    assertTrue(stat.minorFaults() > 0, "a JVM has taken minor faults: " + stat.minorFaults());
  }

  @Test
  void liveSweepHasMemoryAndThisJvm() {
    ProbeSweep sweep = new ProbeSweep(HostRoot.live(), new ProbeSettings(3, false));
    long now = System.currentTimeMillis();
    List<Fact> facts = sweep.sweep(now);
    MemorySample memory = (MemorySample) facts.get(0);
    assertTrue(memory.total() > 64L * 1024 * 1024, "MemTotal " + memory.total());
    assertTrue(facts.stream().anyMatch(f -> f instanceof ProcessSample p && p.pid() == SELF && p.rss() > 0));
    assertTrue(facts.stream().allMatch(f -> f.timestamp() == now));
    assertEquals(0, sweep.metrics().failedReads());
  }
}
