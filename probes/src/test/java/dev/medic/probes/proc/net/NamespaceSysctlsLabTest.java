package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ConntrackSample;
import dev.medic.probes.facts.NicSample;
import dev.medic.probes.facts.PortsSample;
import dev.medic.probes.facts.RouteSample;
import dev.medic.probes.netns.LabNamespace;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The readers that need a namespace's own {@code /proc/sys/net} (port range, conntrack count) and the ones that read
 * {@code /proc/<pid>/net} (dev, route), in a namespace this test makes and changes, against the host's values.
 */
@Tag("lab")
@EnabledOnOs(OS.LINUX)
class NamespaceSysctlsLabTest {

  private static final HostRoot LIVE = HostRoot.live();

  @Test
  void theNamespacesOwnSettingsAndDevices() throws Exception {
    try (LabNamespace lab = LabNamespace.create()) {
      lab.exec("sysctl", "-w", "net.ipv4.ip_local_port_range=40000 40009");
      long anchor = lab.anchorPid();
      NetNamespace ns = NetNamespace.ofPid(LIVE, anchor);
      ProbeMetrics metrics = new ProbeMetrics();
      try (NamespaceThread thread = NamespaceThread.enter(lab.namespace())) {
        PortsSample ports = new LocalPortsReader(LIVE, metrics).read(1, ns, thread).orElseThrow();
        assertEquals(40000L, ports.rangeLow());
        assertEquals(10L, ports.rangeSize());
        PortsSample host = new LocalPortsReader(LIVE, metrics).read(1, NetNamespace.host(LIVE), null).orElseThrow();
        assertNotEquals(40000L, host.rangeLow());
        assertTrue(new LocalPortsReader(LIVE, metrics).read(1, ns, null).isEmpty(),
            "another namespace's sysctls are not read without its thread");

        ConntrackSample ct = new ConntrackReader(LIVE, metrics).read(1, ns, thread).orElseThrow();
        assertEquals(ns.id(), ct.netns());
        assertEquals(0L, ct.count(), "nothing tracked in a fresh namespace");
        assertTrue(ct.max() > 0);
      }
      List<NicSample> nics = new NetDevReader(LIVE, metrics).read(1, ns);
      assertEquals(List.of(ns.id() + " lo"), nics.stream().map(NicSample::nic).toList());
      assertNull(nics.get(0).mtu(), "sysfs shows the root namespace's devices only");
      RouteSample route = new RouteReader(LIVE, metrics).read(1, ns).orElseThrow();
      assertEquals(false, route.hasDefault());
      assertEquals(0, metrics.failedReads());
    }
  }
}
