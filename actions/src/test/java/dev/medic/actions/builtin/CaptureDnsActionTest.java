package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CaptureDnsAction} against a real nameserver on 127.0.0.1:53 (a responder this test runs, which answers
 * every query with NOERROR and no records: dns_no_answer to the check) and a silent one on 127.0.0.2, listed in a
 * resolv.conf of a host root whose {@code proc} is the real one. Needs port 53 on 127.0.0.1 (root); skipped
 * otherwise.
 */
class CaptureDnsActionTest {

  @TempDir Path tmp;

  @Test
  void eachNameserverIsAskedAndTheSilentOneIsNamed() throws Exception {
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53));
    } catch (SocketException e) {
      Assumptions.abort("cannot bind 127.0.0.1:53 here: " + e.getMessage());
      return;
    }
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 127.0.0.1\nnameserver 127.0.0.2\n");
    Files.createSymbolicLink(root.resolve("proc"), Path.of("/proc"));
    Thread responder = new Thread(() -> answer(socket));
    responder.start();
    try {
      ActionContext ctx = new ActionContext(1, new HostRoot(root), Map.of(CaptureDnsAction.QUERY, "shop.internal"),
          EvidenceBundle.open(tmp.resolve("b")), Duration.ofSeconds(8));
      ActionResult r = new CaptureDnsAction().run(ctx);
      assertEquals(ActionResult.Status.OK, r.status(), r.detail());
      String text = NetCaptures.evidence(ctx, r);
      assertTrue(text.contains("nameserver 127.0.0.1\nnameserver 127.0.0.2\n"), text);
      assertTrue(text.matches("(?s).*\\n127\\.0\\.0\\.1: dns_no_answer, NOERROR, 0 answer\\(s\\) in [0-9.]+ ms\\n.*"),
          text);
      assertTrue(text.matches("(?s).*\\n127\\.0\\.0\\.2: dns_[a-z_]+.*"), text);
    } finally {
      socket.close();
      responder.join(5_000);
    }
  }

  /** Echoes each query back as a response: QR set, rcode 0, no answers. */
  private static void answer(DatagramSocket socket) {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        buf[2] |= (byte) 0x80;
        buf[3] &= (byte) 0xF0;
        socket.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
      } catch (Exception e) {
        return; // closed
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop.internal", "localhost", "a-b.example.com", "_srv._tcp.example.com"})
  void namesAreAccepted(String name) {
    assertEquals(List.of(), new CaptureDnsAction().validate(Map.of(CaptureDnsAction.QUERY, name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "x;rm -rf", "-flag", "", "shop.internal;reboot"})
  void otherTextIsRefused(String name) {
    assertEquals(List.of("parameter 'name' must be a DNS name, got '" + name + "'"),
        new CaptureDnsAction().validate(Map.of(CaptureDnsAction.QUERY, name)));
  }
}
