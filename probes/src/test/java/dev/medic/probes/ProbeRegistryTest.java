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
        "limits", "files", "tcp", "sockets", "listeners", "conntrack", "nic", "ports", "resolver", "route", "checks"),
        ProbeRegistry.names());
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
        + "limits, files, tcp, sockets, listeners, conntrack, nic, ports, resolver, route, checks", e.getMessage());
    assertEquals(Optional.of("b"), ProbeRegistry.unknown(Map.of("edac", true, "c", false, "b", true)));
  }

  /** The network probes on the live host: after the memory side, each a switch, the namespaces asked for read too. */
  @Test
  void theNetworkProbesComeLastAndEachIsASwitch() throws Exception {
    try (ProbeSweep all = new ProbeSweep(HostRoot.live(), new ProbeSettings(0, false, 1, 1, Map.of("process", false)));
        ProbeSweep noTcp = new ProbeSweep(HostRoot.live(), new ProbeSettings(0, false, 1, 1, Map.of("process", false,
            "tcp", false, "files", false)))) {
      List<String> types = all.sweep(T).stream().map(Fact::type).toList();
      int memory = types.indexOf("memory");
      int files = types.indexOf("files");
      assertTrue(memory >= 0 && files > memory, types.toString());
      assertTrue(types.subList(files, types.size()).containsAll(List.of("tcp", "sockets", "listener", "route")),
          types.toString());
      assertEquals(List.of(), types.subList(files, types.size()).stream().filter(t -> t.equals("memory")).toList());
      List<String> without = noTcp.sweep(T).stream().map(Fact::type).toList();
      assertFalse(without.contains("tcp") || without.contains("files"), without.toString());
      assertTrue(without.contains("sockets"), without.toString());
    }
  }

  @Test
  void checkResultsArriveStampedWithTheSweep() {
    HostRoot host = Fixtures.host("cgroup-v2-host");
    ProbeSweep sweep = new ProbeSweep(host, new ProbeSettings(0, false));
    List<Long> asked = new java.util.ArrayList<>();
    sweep.withChecks(ts -> {
      asked.add(ts);
      return List.of(new dev.medic.probes.facts.FilesSample(ts, 1, 10, 10));
    });
    List<Fact> facts = sweep.sweep(T);
    assertEquals(List.of(T), asked);
    assertEquals("files", facts.get(facts.size() - 1).type());
    assertEquals(0, sweep.metrics().failedReads(), "a fixture without proc/self/net reads no network facts");
  }
}
