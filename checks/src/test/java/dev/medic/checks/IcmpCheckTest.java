package dev.medic.checks;

import static dev.medic.checks.Checks.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.CheckSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ICMP checks with the real ping binary against 127.0.0.1, and its summary parser. */
class IcmpCheckTest {

  private static boolean pingInstalled() {
    return List.of("/usr/bin/ping", "/bin/ping", "/usr/sbin/ping").stream().anyMatch(p -> Files.isExecutable(
        Path.of(p)));
  }

  @Test
  void pingsLoopback() {
    assumeTrue(pingInstalled(), "ping is not installed (iputils-ping)");
    CheckSample s = Checks.once("name: lo\nkind: icmp\nhost: 127.0.0.1\ntimeout: 2s");
    assertEquals(true, s.ok(), s::toString);
    assertEquals("127.0.0.1", s.addr());
    assertTrue(s.rttMs() >= 0 && s.rttMs() < 100, s::toString);
  }

  @Test
  void missingPingIsAClearError() {
    CheckRegistry registry = CheckRegistry.builtin(HostRoot.live(), "/nonexistent/medic-no-ping");
    CheckSpec spec = Checks.spec("name: lo\nkind: icmp\nhost: 127.0.0.1", registry);
    try (CheckRunner runner = new CheckRunner(List.of(), registry, Namespaces.HOST_ONLY, 1, 1)) {
      failed(runner.runOnce(spec).get(0), "icmp_unavailable", "echo");
    }
  }

  @Test
  void parsesTheSummary() {
    IcmpCheck.Summary ok = IcmpCheck.parse("""
        PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
        64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.315 ms

        --- 127.0.0.1 ping statistics ---
        1 packets transmitted, 1 received, 0% packet loss, time 0ms
        rtt min/avg/max/mdev = 0.315/0.315/0.315/0.000 ms
        """).orElseThrow();
    assertEquals(new IcmpCheck.Summary(1, 1, 0.315, "127.0.0.1"), ok);
    IcmpCheck.Summary lost = IcmpCheck.parse("""
        PING 198.51.100.9 (198.51.100.9) 56(84) bytes of data.

        --- 198.51.100.9 ping statistics ---
        1 packets transmitted, 0 received, 100% packet loss, time 0ms
        """).orElseThrow();
    assertEquals(new IcmpCheck.Summary(1, 0, null, "198.51.100.9"), lost);
    assertTrue(IcmpCheck.parse("ping: medic.invalid: Name or service not known").isEmpty());
  }
}
