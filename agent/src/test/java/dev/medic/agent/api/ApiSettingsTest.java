package dev.medic.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.agent.MedicConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code api:} section: defaults, addresses, blocks, and a clear positioned error for each mistake. */
class ApiSettingsTest {

  @Test
  void theShippedConfigRunsTheApiOnLoopback() throws Exception {
    ApiSettings api = MedicConfig.load(Path.of("../config/medic.yaml")).api();
    assertTrue(api.enabled());
    assertEquals("127.0.0.1", api.host());
    assertEquals(9464, api.port());
    assertEquals(Duration.ofHours(1), api.approvalTtl());
    assertEquals("http://127.0.0.1:9464", api.url());
    assertEquals(Path.of("/var/lib/medic/api.token"), api.tokenFile(Path.of("/var/lib/medic")));
    assertFalse(MedicConfig.defaults(List.of()).api().enabled(), "a config built in code runs no API");
  }

  @Test
  void listenTlsAndReadFromAreParsed() {
    ApiSettings a = ApiSettings.parse(new ApiSettings.Raw("[::1]:8080", new ApiSettings.Tls("c.pem", "k.pem"),
        "tok", List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"), "90s", 5), Path.of("/etc/medic"));
    assertEquals("::1", a.host());
    assertEquals(8080, a.port());
    assertEquals(Optional.of(Path.of("/etc/medic/c.pem")), a.tlsCert());
    assertEquals(Path.of("/etc/medic/tok"), a.tokenFile(Path.of("/var/lib/medic")));
    assertEquals("https://[::1]:8080", a.url());
    assertEquals(Duration.ofSeconds(90), a.approvalTtl());
    assertTrue(a.readFrom().get(0).contains("10.200.3.4"));
    assertFalse(a.readFrom().get(0).contains("11.0.0.1"));
    assertTrue(a.readFrom().get(1).contains("192.168.1.7"));
    assertFalse(a.readFrom().get(1).contains("192.168.1.8"));
    assertTrue(a.readFrom().get(2).contains("fd12::1"));
    assertFalse(a.readFrom().get(2).contains("10.0.0.1"), "an IPv4 client is never in an IPv6 block");
  }

  @Test
  void mistakesAreOnePositionedLine(@TempDir Path tmp) throws Exception {
    for (String[] c : new String[][] {
        {"listen: 127.0.0.1", "api listen must be host:port"},
        {"listen: 127.0.0.1:99999", "port must be 0 to 65535"},
        {"readFrom: [example.com]", "'example.com' is not an address"},
        {"readFrom: [10.0.0.0/33]", "prefix of '10.0.0.0/33' must be 0 to 32"},
        {"tls: {cert: a.pem}", "api tls needs both cert and key"},
        {"approvalTtl: 0s", "approvalTtl must be at least 1s"},
        {"requestsPerSecond: 0", "requestsPerSecond must be between 1"},
        {"lsiten: 127.0.0.1:1", "lsiten"}}) {
      Path f = tmp.resolve("medic.yaml");
      Files.writeString(f, "runbooks: []\napi:\n  " + c[0] + "\n");
      MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class, () -> MedicConfig.load(f));
      assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }
}
