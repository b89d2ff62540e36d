package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.NicSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link NetDevReader} with {@link dev.medic.probes.sys.net.SysClassNetReader}. */
class NetDevReaderTest {

  private static final long T = 1_700_000_000_000L;
  private static final String HEADER = "Inter-|   Receive                                                |  Transmit\n"
      + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls"
      + " carrier compressed\n";

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
    "lo, rx_bytes, 3193",
    "eth0, rx_bytes, 174088179",
    "eth0, rx_packets, 6359",
    "eth0, tx_packets, 5791",
    "eth0, tx_colls, 0",
    "eth0, tx_compressed, 0",
  })
  void referenceColumnsByName(String iface, String column, long value) {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(value, NetDevReader.parse(NetFixtures.net(NetFixtures.REFERENCE, "dev"), metrics).get(iface)
        .get(column));
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void theHostFixtureHasLinkStateFromSysfs() {
    List<NicSample> nics = new NetDevReader(NetFixtures.HOST, new ProbeMetrics())
        .read(T, NetFixtures.hostOf(NetFixtures.HOST));
    NicSample eth0 = nics.stream().filter(n -> n.iface().equals("eth0")).findFirst().orElseThrow();
    assertEquals("host eth0", eth0.nic());
    assertEquals(true, eth0.operUp());
    assertEquals(true, eth0.carrier());
    assertEquals(1400L, eth0.mtu());
    assertNull(eth0.speedMbps(), "speed -1 (virtual NIC) is unknown");
    assertNull(eth0.newRxPackets(), "first sweep");
  }

  @Test
  void dropsBetweenSweepsAndAGarbledRow(@TempDir Path tmp) {
    Fixtures.write(tmp, "proc/self/ns/net", "");
    Fixtures.write(tmp, "proc/self/net/dev", HEADER
        + "  eth0: 100 90 0 10 0 0 0 0 50 40 0 0 0 0 0 0\n");
    HostRoot root = new HostRoot(tmp);
    ProbeMetrics metrics = new ProbeMetrics();
    NetDevReader reader = new NetDevReader(root, metrics);
    reader.read(T, NetFixtures.hostOf(root));
    Fixtures.write(tmp, "proc/self/net/dev", HEADER
        + "  eth0: 200 180 1 20 0 0 0 0 60 50 0 2 0 0 0 0\n  bad: 1 2\n");
    NicSample eth0 = reader.read(T + 1, NetFixtures.hostOf(root)).get(0);
    assertEquals(90L, eth0.newRxPackets());
    assertEquals(10L, eth0.newRxDrops());
    assertEquals(1L, eth0.newRxErrors());
    assertEquals(2L, eth0.newTxDrops());
    assertEquals(10.0, eth0.rxDropPercent());
    assertNull(eth0.mtu(), "no sysfs in this tree");
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void aHeaderWithoutSectionsGivesNothing() {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(Map.of(), NetDevReader.parse("face bytes\n eth0: 1 2\n", metrics));
    assertEquals(1, metrics.skippedRecords());
  }
}
