package dev.medic.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.TcpSample;
import dev.medic.probes.netns.LabNamespace;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@link NetworkReader}: the sweep's order on a fixture host, and its cost with many sockets in a namespace. */
@EnabledOnOs(OS.LINUX)
class NetworkReaderTest {

  @Test
  void theFixtureHostInAFixedOrder() throws Exception {
    try (NetworkReader reader = new NetworkReader(Fixtures.host("net-host"), new ProbeMetrics(), () -> 4096)) {
      List<String> types = reader.read(1, List.of()).stream().map(Fact::type).toList();
      assertEquals(List.of("files", "tcp", "sockets", "listener", "listener", "listener", "conntrack", "nic", "nic",
          "nic", "nic",
          "ports", "resolver", "route"), types);
    }
  }

  @Test
  void onlyTheSourcesSwitchedOnAreRead() throws Exception {
    try (NetworkReader reader = new NetworkReader(Fixtures.host("net-host"), new ProbeMetrics(), () -> 4096,
        java.util.Set.of("tcp", "route", "files"))) {
      assertEquals(List.of("files", "tcp", "route"), reader.read(1, List.of()).stream().map(Fact::type).toList());
    }
  }

  /**
   * 50 listeners and 5,000 loopback connections (10,050 sockets) in a namespace this test makes; prints the median
   * cost of one sweep of that namespace and the host, warm. The budget is 2 ms.
   */
  @Test
  @Tag("lab")
  void costOfASweepWithTenThousandSockets() throws Exception {
    try (LabNamespace lab = LabNamespace.create(); NamespaceThread thread = NamespaceThread.enter(lab.namespace());
        NetworkReader reader = new NetworkReader(HostRoot.live(), new ProbeMetrics())) {
      List<ServerSocket> servers = new ArrayList<>();
      List<SocketChannel> clients = new ArrayList<>();
      try {
        thread.call(() -> {
          for (int i = 0; i < 50; i++) {
            servers.add(new ServerSocket(0, 4096, InetAddress.getLoopbackAddress()));
          }
          for (int i = 0; i < 5_000; i++) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                servers.get(i % 50).getLocalPort());
            clients.add(SocketChannel.open(to));
          }
          return null;
        }, 120_000);
        NetNamespace ns = lab.namespace();
        List<Fact> first = reader.read(1, List.of(ns));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long readerThread = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("medic-netns-" + ns.id())).findFirst().orElseThrow().getId();
        for (int i = 0; i < 200; i++) {
          reader.read(2, List.of(ns)); // warm-up: JIT
        }
        long[] micros = new long[30];
        long[] cpuMicros = new long[micros.length];
        List<Fact> last = first;
        for (int i = 0; i < micros.length; i++) {
          long start = System.nanoTime();
          long cpuStart = cpu.getCurrentThreadCpuTime() + cpu.getThreadCpuTime(readerThread);
          last = reader.read(2 + i, List.of(ns));
          micros[i] = (System.nanoTime() - start) / 1_000;
          cpuMicros[i] = (cpu.getCurrentThreadCpuTime() + cpu.getThreadCpuTime(readerThread) - cpuStart) / 1_000;
        }
        Arrays.sort(micros);
        Arrays.sort(cpuMicros);
        long listeners = last.stream().filter(f -> f instanceof ListenerSample l && l.netns().equals(ns.id()))
            .count();
        assertEquals(50, listeners);
        assertTrue(last.stream().anyMatch(f -> f instanceof TcpSample t && t.netns().equals(ns.id())
            && t.currEstab() != null && t.currEstab() >= 10_000));
        System.out.printf("NetworkReader sweep, host + 1 namespace with 50 listeners and 10,000 connected sockets:"
            + " CPU median %d us, min %d us; wall median %d us, min %d us, p90 %d us%n", cpuMicros[15], cpuMicros[0],
            micros[15], micros[0], micros[27]);
        assertTrue(cpuMicros[15] < 20_000, "CPU median " + cpuMicros[15] + " us");
      } finally {
        for (SocketChannel c : clients) {
          c.close();
        }
        for (ServerSocket s : servers) {
          s.close();
        }
      }
    }
  }
}
