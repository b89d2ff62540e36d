package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.RouteSample;
import org.junit.jupiter.api.Test;

/** {@link RouteReader}. */
class RouteReaderTest {

  private static final String HEADER =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

  @Test
  void thisMachinesDefaultRoutes() {
    RouteSample r = new RouteReader(NetFixtures.HOST, new ProbeMetrics())
        .read(1, NetFixtures.hostOf(NetFixtures.HOST)).orElseThrow();
    assertEquals(true, r.hasDefault());
    assertEquals("192.0.2.1", r.defaultVia());
    assertEquals("eth0", r.defaultDev());
    assertEquals(true, r.hasDefault6());
    ProbeMetrics metrics = new ProbeMetrics();
    RouteReader.Default v6 = RouteReader.parseIpv6(NetFixtures.net(NetFixtures.HOST, "ipv6_route"), metrics);
    assertEquals("fd00::1", v6.via());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void theLowestMetricWinsAndADeviceRouteHasNoGateway() {
    ProbeMetrics metrics = new ProbeMetrics();
    RouteReader.Default d = RouteReader.parse(HEADER
        + "eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
        + "wg0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0\n"
        + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n", metrics);
    assertEquals("wg0", d.dev());
    assertNull(d.via());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void noDefaultAndAGarbledRow() {
    ProbeMetrics metrics = new ProbeMetrics();
    assertNull(RouteReader.parse(HEADER + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
        + "eth0\tZZ\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0\n", metrics));
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void anUnreachableIpv6DefaultIsNotADefault() {
    assertNull(RouteReader.parseIpv6("00000000000000000000000000000000 00 00000000000000000000000000000000 00"
        + " 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n", new ProbeMetrics()));
  }
}
