package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.TcpSample;
import dev.medic.probes.netns.LabNamespace;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A server that never accepts, with backlog 1, in a namespace this test makes, and three clients from the same
 * namespace: the accept queue fills (backlog + 1 = 2), the third handshake's SYN is dropped, and the namespace's
 * ListenOverflows moves, while the host's listeners and counters are not involved.
 */
@Tag("lab")
@EnabledOnOs(OS.LINUX)
class ListenersLabTest {

  private static final HostRoot LIVE = HostRoot.live();

  @Test
  void aFullAcceptQueueWithItsBacklogAndTheOverflowCounter() throws Exception {
    try (LabNamespace lab = LabNamespace.create(); NamespaceThread thread = NamespaceThread.enter(lab.namespace())) {
      NetNamespace ns = thread.anchored();
      ProbeMetrics metrics = new ProbeMetrics();
      TcpCountersReader counters = new TcpCountersReader(LIVE, metrics);
      counters.read(1, ns).orElseThrow();
      ServerSocket server = thread.call(() -> new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), 5_000);
      List<SocketChannel> clients = new ArrayList<>();
      try (server) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        thread.call(() -> {
          for (int i = 0; i < 3; i++) {
            SocketChannel c = SocketChannel.open();
            clients.add(c);
            c.configureBlocking(false);
            c.connect(to);
          }
          return null;
        }, 5_000);
        ListenersReader listeners = new ListenersReader(LIVE, metrics, new SocketOwners(LIVE, metrics));
        ListenerSample full = awaitQueue(listeners, ns, thread, server.getLocalPort(), 2);
        assertEquals(1L, full.backlog(), "sock_diag gives the backlog");
        assertEquals(100.0, full.queuePercent());
        assertEquals(ns.id(), full.netns());
        assertEquals(ns.id() + " " + Addresses.endpoint(full.addr(), full.port()), full.listen());
        assertEquals((int) ProcessHandle.current().pid(), full.pid(), "the test JVM holds the socket");

        ListenerSample fromProc = listeners.read(2, ns, null).stream()
            .filter(l -> l.port() == server.getLocalPort()).findFirst().orElseThrow();
        assertEquals(2, fromProc.acceptQueue());
        assertNull(fromProc.backlog(), "without the namespace's thread: /proc, no backlog");
        assertEquals(full.inode(), fromProc.inode());

        TcpSample after = counters.read(3, ns).orElseThrow();
        assertTrue(after.newListenOverflows() >= 1, "ListenOverflows moved: " + after);
        assertTrue(after.newListenDrops() >= after.newListenOverflows());
        assertTrue(new ListenersReader(LIVE, metrics, new SocketOwners(LIVE, metrics))
            .read(4, NetNamespace.host(LIVE), null).stream().noneMatch(l -> l.inode() == full.inode()),
            "the host does not see the namespace's listener");
      } finally {
        for (SocketChannel c : clients) {
          c.close();
        }
      }
    }
  }

  private static ListenerSample awaitQueue(ListenersReader reader, NetNamespace ns, NamespaceThread thread, int port,
      long queue) throws IOException, InterruptedException {
    List<ListenerSample> seen = List.of();
    for (int i = 0; i < 300; i++) {
      seen = reader.read(i, ns, thread);
      for (ListenerSample l : seen) {
        if (l.port() == port && l.acceptQueue() == queue) {
          return l;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no listener on " + port + " with accept queue " + queue + ": " + seen);
  }
}
