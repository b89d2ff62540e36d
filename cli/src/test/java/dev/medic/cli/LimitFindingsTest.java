package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probe's "limits that look wrong" heuristics. */
class LimitFindingsTest {

  private static final long GIB = 1L << 30;
  private static final MemorySample HOST = new MemorySample(1, 10 * GIB, 5 * GIB, 50.0, 50.0, 0, 0, 0, null, null, null);

  private static ProcessSample process(int pid, String cgroup, long rss, Integer fds) {
    return new ProcessSample(1, pid, 1, "p" + pid, "p" + pid, 0, "S", rss, 0L, cgroup, 600, 0, null, null, false,
        null, null, fds, null, null, null, null);
  }

  @Test
  void aLargeConsumerWithoutAnyLimitAboveItIsReported() {
    List<CgroupSample> limited = List.of(new CgroupSample(1, "/limited", 1, GIB, 2 * GIB, 50.0, 0L, false));
    List<String> found = LimitFindings.find(Optional.of(HOST), limited, List.of(
        process(10, "/big/free", 2 * GIB, null),            // 20% of memory, nothing limits it
        process(11, "/limited/child", 2 * GIB, null),       // limited through its parent cgroup
        process(12, "/small", GIB / 2, null)), List.of());  // 5%: not large
    assertEquals(List.of("pid 10 (p10) holds 2.0G (20% of memory) and no memory cgroup limits it (cgroup /big/free)"),
        found);
  }

  @Test
  void aProcessNearItsOpenFilesLimitIsReported() {
    List<ProcessSample> top = List.of(process(20, "/a", 1, 900), process(21, "/a", 1, 100), process(22, "/a", 1, 5000));
    List<ProcessLimits> limits = List.of(
        new ProcessLimits(1, 20, "p20", 1024L, 4096L, null, null, null, null, null, null, null),
        new ProcessLimits(1, 21, "p21", 1024L, 4096L, null, null, null, null, null, null, null),
        new ProcessLimits(1, 22, "p22", Long.MAX_VALUE, Long.MAX_VALUE, null, null, null, null, null, null, null));
    assertEquals(List.of("pid 20 (p20) has 900 of its 1024 open files (ulimit -n)"),
        LimitFindings.find(Optional.empty(), List.of(), top, limits));
  }

  @Test
  void aLimitAnywhereAboveACgroupCounts() {
    assertTrue(LimitFindings.underLimit("/a/b/c", Set.of("/a")));
    assertTrue(LimitFindings.underLimit("/a", Set.of("/a")));
    assertFalse(LimitFindings.underLimit("/ab/c", Set.of("/a")));
    assertFalse(LimitFindings.underLimit(null, Set.of("/a")));
    assertTrue(LimitFindings.underLimit("/x", Set.of("/")));
  }
}
