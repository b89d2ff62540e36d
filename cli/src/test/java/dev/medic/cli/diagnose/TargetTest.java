package dev.medic.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.checks.CheckSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The targets {@code medic diagnose} takes, and the one-line refusals of the others. */
class TargetTest {

  static final Duration T = Duration.ofSeconds(2);

  @Test
  void urlsAndNamesBecomeOneCheck() throws Exception {
    Target http = Target.parse("http://127.0.0.1:8080/health", T, "host");
    assertTrue(http.spec() instanceof CheckSpec.Http);
    assertEquals(8080, http.port());
    assertEquals(443, Target.parse("https://example.com/", T, "host").port());
    Target tcp = Target.parse("tcp://10.0.0.5:5432", T, "blue");
    assertEquals("10.0.0.5", tcp.host());
    assertEquals("blue", tcp.spec().netns());
    assertTrue(tcp.spec().interval().compareTo(tcp.spec().timeout()) > 0);
    Target dns = Target.parse("example.com", T, "host");
    assertTrue(dns.dns());
    assertEquals("example.com", ((CheckSpec.Dns) dns.spec()).qname());
  }

  @Test
  void othersAreRefusedWithAHint() {
    assertTrue(assertThrows(Target.Invalid.class, () -> Target.parse("db:5432", T, "host")).getMessage()
        .contains("tcp://db:5432"));
    assertThrows(Target.Invalid.class, () -> Target.parse("tcp://db", T, "host"));
    assertThrows(Target.Invalid.class, () -> Target.parse("tcp://db:5432/x", T, "host"));
    assertThrows(Target.Invalid.class, () -> Target.parse("udp://db:53", T, "host"));
    assertThrows(Target.Invalid.class, () -> Target.parse("10.0.0.1", T, "host"));
    assertThrows(Target.Invalid.class, () -> Target.parse("http:///nohost", T, "host"));
  }
}
