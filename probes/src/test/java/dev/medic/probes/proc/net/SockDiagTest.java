package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.netns.NetNamespace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@link SockDiag} against this host's kernel, and its parser on datagrams the kernel could send. */
@EnabledOnOs(OS.LINUX)
class SockDiagTest {

  @Test
  void aListenerOfThisJvmWithItsBacklogAndQueue() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 7, InetAddress.getLoopbackAddress());
        Socket client = new Socket()) {
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2_000);
      Listening mine = awaitQueue(server.getLocalPort(), 1);
      assertEquals(7L, mine.backlog());
      assertTrue(mine.inode() > 0);
      List<Listening> fromProc = new TcpListenersReader(HostRoot.live(),
          new ProbeMetrics()).read(NetNamespace.host(HostRoot.live()));
      assertTrue(fromProc.stream().anyMatch(l -> l.inode() == mine.inode() && l.acceptQueue() == 1
          && l.port() == mine.port() && l.addr().equals(mine.addr())), "/proc/net/tcp6 agrees: " + fromProc);
    }
  }

  private static Listening awaitQueue(int port, long queue) throws Exception {
    List<Listening> seen = List.of();
    for (int i = 0; i < 100; i++) {
      seen = SockDiag.listeners();
      for (Listening l : seen) {
        if (l.port() == port && l.acceptQueue() == queue) {
          return l;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no listener on " + port + " with queue " + queue + " in " + seen);
  }

  @Test
  void anErrorAnswerCarriesTheErrno() {
    ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
    b.putInt(36).putShort((short) SockDiag.NLMSG_ERROR).putShort((short) 0).putInt(5).putInt(0).putInt(-22);
    KernelFormatException e = assertThrows(KernelFormatException.class,
        () -> SockDiag.parse(b.array(), 36, 5, new ArrayList<>()));
    assertTrue(e.getMessage().contains("errno 22"), e.getMessage());
  }

  @Test
  void aMessageLongerThanTheDatagramIsRefused() {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    b.putInt(200).putShort((short) SockDiag.SOCK_DIAG_BY_FAMILY).putShort((short) 0).putInt(1).putInt(0);
    assertThrows(KernelFormatException.class, () -> SockDiag.parse(b.array(), 16, 1, new ArrayList<>()));
  }

  @Test
  void aDoneOfAnotherRequestDoesNotEndThisOne() throws KernelFormatException {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    b.putInt(20).putShort((short) SockDiag.NLMSG_DONE).putShort((short) 2).putInt(9).putInt(0).putInt(0);
    assertEquals(false, SockDiag.parse(b.array(), 20, 1, new ArrayList<>()));
    assertEquals(true, SockDiag.parse(b.array(), 20, 9, new ArrayList<>()));
  }
}
