package dev.medic.checks;

import static dev.medic.checks.Checks.failed;
import static dev.medic.checks.Checks.once;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.CheckSample;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS checks against a real responder on 127.0.0.1. */
class DnsCheckTest {

  private DnsResponder server;
  private DnsResponder silent;

  @BeforeEach
  void start() throws IOException {
    server = new DnsResponder(false);
    silent = new DnsResponder(true);
  }

  @AfterEach
  void stop() {
    server.close();
    silent.close();
  }

  private CheckSample query(String name, String nameserver) {
    return once("name: dns\nkind: dns\nquery: " + name + "\nnameserver: '" + nameserver + "'\ntimeout: 600ms");
  }

  @Test
  void rcodesAreErrorKinds() {
    CheckSample ok = query("ok-a.lab", server.address());
    assertEquals(true, ok.ok(), ok::toString);
    assertEquals("NOERROR", ok.rcode());
    assertEquals(1, ok.answers());
    assertTrue(ok.rttMs() >= 0 && ok.rttMs() < 200, ok::toString);
    assertEquals(server.address(), ok.addr());
    assertEquals("ok-a.lab", ok.host());

    CheckSample nx = query("nx-a.lab", server.address());
    failed(nx, "dns_no_such_name", "query");
    assertEquals("NXDOMAIN", nx.rcode());
    failed(query("fail-a.lab", server.address()), "dns_server_failure", "query");
    failed(query("refused-a.lab", server.address()), "dns_refused", "query");
    failed(query("empty-a.lab", server.address()), "dns_no_answer", "query");
  }

  @Test
  void silenceIsATimeoutAtTheConfiguredTimeout() {
    CheckSample s = query("drop-a.lab", server.address());
    failed(s, "dns_timeout", "query");
    assertNull(s.rcode());
    assertTrue(s.totalMs() >= 550 && s.totalMs() < 1000, s::toString);
  }

  @Test
  void aPortWithoutListenerIsUnreachable() throws IOException {
    int port;
    try (DatagramSocket free = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = free.getLocalPort();
    }
    CheckSample s = query("ok-a.lab", "127.0.0.1:" + port);
    failed(s, "dns_unreachable", "query");
    assertTrue(s.totalMs() < 300, s::toString);
  }

  @Test
  void everyNameserverOfTheResolverIsAskedApart(@TempDir Path dir) throws IOException {
    HostRoot root = Checks.withOwnEtc(dir);
    Files.writeString(root.etc("resolv.conf"), "# test\nsearch lab\nnameserver " + silent.address()
        + "\nnameserver " + server.address() + "\noptions timeout:1\n");
    CheckRegistry registry = CheckRegistry.builtin(root, "ping");
    CheckSpec spec = Checks.spec("name: resolver\nkind: dns\nquery: ok-b.lab\ntimeout: 500ms", registry);
    try (CheckRunner runner = new CheckRunner(List.of(), registry, Namespaces.HOST_ONLY, 2, 10)) {
      List<CheckSample> out = runner.runOnce(spec);
      assertEquals(2, out.size(), out::toString);
      assertEquals("resolver@" + silent.address(), out.get(0).name());
      failed(out.get(0), "dns_timeout", "query");
      assertEquals("resolver@" + server.address(), out.get(1).name());
      assertEquals(true, out.get(1).ok(), () -> out.get(1).toString());
    }
  }

  @Test
  void queryWireFormat() {
    byte[] q = DnsWire.query(0x1234, "ok.lab.", "AAAA");
    assertEquals(0x12, q[0]);
    assertEquals(0x34, q[1]);
    assertEquals(12 + 1 + 2 + 1 + 3 + 1 + 4, q.length);
    assertEquals(28, q[q.length - 3]); // QTYPE AAAA
  }
}
