package dev.medic.checks;

import static dev.medic.checks.Checks.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks run FROM a client namespace against a server in another, over a veth pair the test made, with real
 * firewall rules in the server namespace: what a DROP and the REJECT variants look like from outside, and port
 * exhaustion made real with a two-port ip_local_port_range in the client namespace. Root only; skipped otherwise.
 */
@Tag("lab")
class LabCheckTest {

  private LabNet lab;
  private NamespaceThread serverThread;
  private HttpServer server;
  private NamespaceThreads namespaces;
  private CheckRunner runner;

  @BeforeEach
  void lab() throws Exception {
    LabNet.require(true);
    lab = LabNet.create();
    HostRoot root = HostRoot.live();
    serverThread = NamespaceThread.enter(NetNamespace.named(root, lab.server));
    // created on the server namespace's thread, so the listening socket is in that namespace
    server = serverThread.call(() -> {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LabNet.SERVER_ADDR), 8080), 16);
      s.createContext("/", x -> {
        x.sendResponseHeaders(200, 2);
        try (OutputStream out = x.getResponseBody()) {
          out.write("ok".getBytes());
        }
      });
      s.start();
      return s;
    }, 5000);
    namespaces = new NamespaceThreads(root);
    runner = new CheckRunner(List.of(), namespaces);
  }

  @AfterEach
  void clean() {
    if (runner != null) {
      runner.close();
    }
    if (namespaces != null) {
      namespaces.close();
    }
    if (server != null) {
      server.stop(0);
    }
    if (serverThread != null) {
      serverThread.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  private CheckSample run(String entry) {
    List<CheckSample> out = runner.runOnce(Checks.spec(entry + "\nnetns: " + lab.client));
    assertEquals(1, out.size());
    return out.get(0);
  }

  private String tcp() {
    return "name: srv\nkind: tcp\nhost: " + LabNet.SERVER_ADDR + "\nport: 8080\ntimeout: 800ms";
  }

  @Test
  void fromTheClientNamespace() throws Exception {
    CheckSample s = run("name: web\nkind: http\nurl: http://" + LabNet.SERVER_ADDR + ":8080/");
    assertEquals(true, s.ok(), s::toString);
    assertEquals(200, s.status());
    assertEquals(LabNet.SERVER_ADDR, s.addr());
    String clientId = NetNamespace.named(HostRoot.live(), lab.client).id();
    assertEquals(clientId, s.netns(), "the fact names the namespace as inside facts do");
    assertTrue(s.netns().startsWith("net:["), s::toString);
    CheckSample ping = run("name: ping\nkind: icmp\nhost: " + LabNet.SERVER_ADDR + "\ntimeout: 2s");
    assertEquals(true, ping.ok(), "ping runs in the client namespace too: " + ping);
  }

  @Test
  void firewallDropIsConnectTimeout() throws Exception {
    lab.serverRule("-p", "tcp", "--dport", "8080", "-j", "DROP");
    CheckSample s = run(tcp());
    failed(s, "connect_timeout", "connect");
    assertTrue(s.connectMs() >= 600 && s.connectMs() < 1300, s::toString);
    assertTrue(s.totalMs() >= 780, s::toString);
    lab.clearRules();
    assertEquals(true, run(tcp()).ok(), "reverted");
  }

  @Test
  void firewallRejectIsRefusedOrNoRoute() throws Exception {
    lab.serverRule("-p", "tcp", "--dport", "8080", "-j", "REJECT", "--reject-with", "tcp-reset");
    CheckSample reset = run(tcp());
    failed(reset, "connect_refused", "connect");
    assertTrue(reset.connectMs() < 100, reset::toString);
    lab.clearRules();
    lab.serverRule("-p", "tcp", "--dport", "8080", "-j", "REJECT");
    failed(run(tcp()), "connect_refused", "connect");
    lab.clearRules();
    lab.serverRule("-p", "tcp", "--dport", "8080", "-j", "REJECT", "--reject-with", "icmp-host-prohibited");
    failed(run(tcp()), "connect_no_route", "connect");
    lab.clearRules();
    lab.serverRule("-p", "icmp", "-j", "DROP");
    failed(run("name: ping\nkind: icmp\nhost: " + LabNet.SERVER_ADDR + "\ntimeout: 1500ms"), "icmp_no_reply",
        "echo");
  }

  @Test
  void dnsFromTheClientNamespaceAsksEachNameserverOfItsResolvConf(@TempDir Path dir) throws Exception {
    DnsResponder dns = serverThread.call(() -> new DnsResponder(InetAddress.getByName(LabNet.SERVER_ADDR), false),
        5000);
    DnsResponder mute = serverThread.call(() -> new DnsResponder(InetAddress.getByName(LabNet.SERVER_ADDR), true),
        5000);
    try {
      // what `ip netns exec <client>` would mount over /etc/resolv.conf, in a test etc/ of its own
      HostRoot own = Checks.withOwnEtc(dir);
      Path etc = own.etc("");
      Files.createDirectories(etc.resolve("netns").resolve(lab.client));
      Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
      Files.writeString(etc.resolve("netns").resolve(lab.client).resolve("resolv.conf"),
          "nameserver " + mute.address() + "\nnameserver " + dns.address() + "\n");
      CheckRegistry registry = CheckRegistry.builtin(own, "ping");
      CheckSpec spec = Checks.spec("name: resolver\nkind: dns\nquery: ok-a.lab\ntimeout: 500ms\nnetns: "
          + lab.client, registry);
      try (CheckRunner r = new CheckRunner(List.of(), registry, namespaces, 2, 10)) {
        List<CheckSample> out = r.runOnce(spec);
        assertEquals(2, out.size(), out::toString);
        failed(out.get(0), "dns_timeout", "query");
        assertEquals(true, out.get(1).ok(), () -> out.get(1).toString());
        assertEquals("NOERROR", out.get(1).rcode());
      }
    } finally {
      dns.close();
      mute.close();
    }
  }

  @Test
  void portExhaustionIsNoLocalPort() throws Exception {
    // two local ports in the client namespace only (the namespace is deleted afterwards); each check leaves its
    // port in TIME_WAIT, the client having closed first
    lab.inClient("sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=40000 40001");
    assertEquals(true, run(tcp()).ok());
    assertEquals(true, run(tcp()).ok());
    CheckSample s = run(tcp());
    failed(s, "connect_no_local_port", "connect");
    assertTrue(s.connectMs() < 100, s::toString);
  }
}
