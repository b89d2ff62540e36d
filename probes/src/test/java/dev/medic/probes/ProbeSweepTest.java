package dev.medic.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ProbeSweep} on each fixture host. */
class ProbeSweepTest {

  @Test
  void v1HostFactsInOrder() {
    HostRoot host = Fixtures.host("cgroup-v1-host");
    ProbeSweep sweep = new ProbeSweep(host, ProbeSettings.defaults());
    List<Fact> facts = sweep.sweep(1_700_000_000_000L);

    // limits follow the processes, for those that got smaps_rollup: with top 10, every one with a memory map
    assertEquals(
        List.of("memory", "pressure", "pressure", "pressure", "cgroup", "cgroup", "process", "process", "process",
            "process", "process", "limits", "limits", "limits", "limits"),
        facts.stream().map(Fact::type).toList());
    assertEquals(List.of(1, 4242, 5000, 5001), of(facts, ProcessLimits.class).stream().map(ProcessLimits::pid)
        .toList());
    ProcessLimits evil = of(facts, ProcessLimits.class).get(1);
    assertEquals(new ProcessLimits(1_700_000_000_000L, 4242, "evil) R 1 (x", 1024L, 4096L, 2147483648L,
        Long.MAX_VALUE, Long.MAX_VALUE, 31652L, 8388608L, 5, 0.49), evil);
    assertTrue(facts.stream().allMatch(f -> f.timestamp() == 1_700_000_000_000L));
    assertEquals(8048764L * 1024, ((MemorySample) facts.get(0)).total());
    assertEquals(List.of("/docker/deadbeef", "/process_api/abc"), of(facts, CgroupSample.class).stream()
        .map(CgroupSample::path).toList());
    assertEquals(1, sweep.cgroupVersion());
    assertEquals(Optional.of(host.sys("fs/cgroup/memory")), sweep.memoryHierarchy());
    assertEquals(0, sweep.metrics().failedReads() + sweep.metrics().skippedRecords());
  }

  @Test
  void pressureNowAppearsFromTheSecondSweep() {
    ProbeSweep sweep = new ProbeSweep(Fixtures.host("cgroup-v1-host"), ProbeSettings.defaults());
    assertNull(of(sweep.sweep(1_000L), PressureSample.class).get(0).someNow());
    // the fixture does not change, so the stall since the last sweep is exactly 0
    assertEquals(0.0, of(sweep.sweep(3_000L), PressureSample.class).get(0).someNow());
  }

  @Test
  void v2HostHandsLimitedCgroupsToTheProcessReader() {
    ProbeSweep sweep = new ProbeSweep(Fixtures.host("cgroup-v2-host"), new ProbeSettings(0, false));
    List<Fact> facts = sweep.sweep(5L);
    assertEquals(1, of(facts, MemorySample.class).size());
    assertEquals(3, of(facts, PressureSample.class).size());
    assertEquals(2, of(facts, CgroupSample.class).size());
    assertEquals(List.of("memory", "pressure", "pressure", "pressure", "vmstat", "swap", "swap", "vm", "edac", "edac"),
        facts.stream().map(Fact::type).limit(10).toList());
    List<ProcessSample> processes = of(facts, ProcessSample.class);
    assertEquals(7, processes.size());
    // topN 0: only the largest process of each limited cgroup (the pod via its container, the docker scope) gets
    // PSS, and only those get limits
    assertEquals(Set.of(4100, 4200), processes.stream().filter(p -> p.pss() != null).map(ProcessSample::pid)
        .collect(Collectors.toSet()));
    List<ProcessLimits> limits = of(facts, ProcessLimits.class);
    assertEquals(List.of(4100, 4200), limits.stream().map(ProcessLimits::pid).toList());
    assertEquals("limits", facts.get(facts.size() - 1).type());
    // python3 may open 20 files and has 17 open
    assertEquals(20L, limits.get(1).openFiles());
    assertEquals(17, processes.stream().filter(p -> p.pid() == 4200).findFirst().orElseThrow().openFds());
    assertEquals(2, sweep.cgroupVersion());
    assertEquals(0, sweep.metrics().failedReads() + sweep.metrics().skippedRecords());
  }

  @Test
  void rssGrowthAndOomDeltasNeedAPreviousSweep() {
    ProbeSweep sweep = new ProbeSweep(Fixtures.host("cgroup-v2-host"), ProbeSettings.defaults());
    long t = 1_800_000_000_000L;
    sweep.sweep(t);
    sweep.sweep(t + 20_000);
    List<Fact> third = sweep.sweep(t + 40_000);
    // the fixture does not change: no growth, and no new OOM kills since the last sweep
    assertTrue(of(third, ProcessSample.class).stream().filter(p -> !p.kernelThread() && !"Z".equals(p.state()))
        .allMatch(p -> p.rssGrowth() == 0.0));
    assertTrue(of(third, CgroupSample.class).stream().allMatch(c -> c.newOomKills() == 0 && c.newOomEvents() == 0));
  }

  @Test
  void oldKernelSweepsWithWhatItHas() {
    ProbeSweep sweep = new ProbeSweep(Fixtures.host("old-kernel"), ProbeSettings.defaults());
    List<Fact> facts = sweep.sweep(1L);
    sweep.sweep(2L);
    assertEquals(List.of("memory", "vmstat", "cgroup", "process", "process", "process", "limits", "limits"),
        facts.stream().map(Fact::type).toList());
    assertNull(((MemorySample) facts.get(0)).available());
    assertNull(((CgroupSample) facts.get(2)).oomKills());
    assertTrue(of(facts, ProcessSample.class).stream().allMatch(p -> p.pss() == null));
    // once each over two sweeps: PSI, smaps_rollup, /proc/swaps, the four vm sysctls, EDAC, cgroup swap accounting
    assertEquals(9, sweep.metrics().missingSources());
    assertEquals(0, sweep.metrics().failedReads());
  }

  @Test
  void failingReadersAreCountedNotThrown(@TempDir Path dir) {
    Fixtures.write(dir, "proc/pressure/memory", "some avg10=1.00 avg60=0.50 avg300=0.25 total=10\n");
    ProbeSweep sweep = new ProbeSweep(new HostRoot(dir), ProbeSettings.defaults());
    // proc/ exists with no meminfo and no processes: only the meminfo reader fails, pressure still works
    List<Fact> facts = sweep.sweep(1L);
    assertEquals(List.of("pressure"), facts.stream().map(Fact::type).toList());
    assertEquals(1, sweep.metrics().failedReads());

    ProbeSweep empty = new ProbeSweep(new HostRoot(dir.resolve("nothing-here")), ProbeSettings.defaults());
    assertEquals(List.of(), empty.sweep(1L));
    assertEquals(List.of(), empty.sweep(2L));
    assertEquals(4, empty.metrics().failedReads()); // meminfo and the process table, each sweep
    // once each: PSI, the memory cgroup, vmstat, swaps, the four vm sysctls, EDAC
    assertEquals(9, empty.metrics().missingSources());
  }

  private static <T extends Fact> List<T> of(List<Fact> facts, Class<T> type) {
    return facts.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void theProcessTableIsReadOnEveryNthSweepOnly() {
    ProbeSweep sweep = new ProbeSweep(Fixtures.host("cgroup-v1-host"), new ProbeSettings(10, false, 3));
    List<Integer> processCounts = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      List<Fact> facts = sweep.sweep(1_000L * (i + 1));
      processCounts.add(of(facts, ProcessSample.class).size());
      assertEquals(1, of(facts, MemorySample.class).size(), "host files every sweep");
    }
    assertEquals(List.of(5, 0, 0, 5, 0, 0, 5), processCounts);
  }
}
