package dev.medic.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.EdacSample;
import dev.medic.probes.facts.Fact;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probes by name: the sweep order, and the names as switches. */
class ProbeRegistryTest {

  private static final long T = 1_700_000_000_000L;

  /** The order of a sweep's facts: recordings and decisions depend on it. */
  @Test
  void namesInSweepOrder() {
    assertEquals(List.of("meminfo", "pressure", "vmstat", "swaps", "vm", "edac", "kmsg", "cgroup", "process",
        "limits"), ProbeRegistry.names());
  }

  @Test
  void aProbeSwitchedOffReadsNothingAndTheOthersKeepTheirOrder() {
    HostRoot host = Fixtures.host("cgroup-v2-host");
    List<Fact> all = new ProbeSweep(host, new ProbeSettings(0, false)).sweep(T);
    assertTrue(all.stream().anyMatch(EdacSample.class::isInstance), "the fixture has EDAC counters");

    ProbeSweep noEdac = new ProbeSweep(host, new ProbeSettings(0, false, 1, 1, Map.of("edac", false)));
    List<Fact> without = noEdac.sweep(T);

    assertEquals(all.stream().filter(f -> !(f instanceof EdacSample)).toList(), without);
    assertFalse(noEdac.enabled("edac"));
    assertTrue(noEdac.enabled("meminfo"));
  }

  @Test
  void switchingOffTheProcessTableLeavesTheHostFactsAndNoLimits() {
    HostRoot host = Fixtures.host("cgroup-v1-host");
    List<String> types = new ProbeSweep(host, new ProbeSettings(10, false, 1, 1, Map.of("process", false,
        "meminfo", true))).sweep(T).stream().map(Fact::type).toList();

    assertEquals(List.of("memory", "pressure", "pressure", "pressure", "cgroup", "cgroup"), types);
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ProbeSettings(0, false, 1, 1, Map.of("edak", false)));
    assertEquals("unknown probe 'edak'; known: meminfo, pressure, vmstat, swaps, vm, edac, kmsg, cgroup, process, "
        + "limits", e.getMessage());
    assertEquals(Optional.of("b"), ProbeRegistry.unknown(Map.of("edac", true, "c", false, "b", true)));
  }
}
