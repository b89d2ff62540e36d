package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.ProbeMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link HeaderPairs} through {@link NetstatReader#parse} and {@link SnmpReader#parse}, on real samples. */
class HeaderPairsTest {

  /** The reference sample (kernel 6.18): prefix, name, value. */
  @ParameterizedTest(name = "snmp {0} {1} = {2}")
  @CsvSource({
    "Ip, OutTransmits, 5806",
    "Icmp, OutRateLimitHost, 0",
    "Icmp, InDestUnreachs, 1",
    "IcmpMsg, InType3, 1",
    "Tcp, MaxConn, -1",
    "Tcp, OutSegs, 5757",
    "Tcp, OutRsts, 64",
    "Udp, MemErrors, 0",
    "UdpLite, InDatagrams, 0",
  })
  void snmpByHeaderName(String prefix, String name, long value) {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Map<String, Long>> pairs = SnmpReader.parse(NetFixtures.net(NetFixtures.REFERENCE, "snmp"), metrics);
    assertEquals(value, pairs.get(prefix).get(name));
    assertEquals(0, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "netstat {0} {1} = {2}")
  @CsvSource({
    "TcpExt, TW, 14",
    "TcpExt, DelayedACKs, 107",
    "TcpExt, ListenOverflows, 0",
    "TcpExt, TCPTimeouts, 2",
    "TcpExt, TCPOrigDataSent, 1978",
    "TcpExt, TCPDelivered, 2024",
    "TcpExt, TCPAODroppedIcmps, 0",
    "IpExt, InOctets, 174002078",
  })
  void netstatByHeaderName(String prefix, String name, long value) {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Map<String, Long>> pairs =
        NetstatReader.parse(NetFixtures.net(NetFixtures.REFERENCE, "netstat"), metrics);
    assertEquals(value, pairs.get(prefix).get(name));
    assertEquals(135, pairs.get("TcpExt").size());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void thisMachinesFilesParseWholly() {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Map<String, Long>> netstat = NetstatReader.parse(NetFixtures.net(NetFixtures.HOST, "netstat"), metrics);
    Map<String, Map<String, Long>> snmp = SnmpReader.parse(NetFixtures.net(NetFixtures.HOST, "snmp"), metrics);
    assertTrue(netstat.containsKey("MPTcpExt"));
    assertTrue(netstat.get("TcpExt").containsKey("ListenOverflows"));
    assertEquals(-1, snmp.get("Tcp").get("MaxConn"));
    assertEquals(0, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // values of another prefix: the header and the stray values line are each skipped, the next pair read
        "'Tcp: A B;Udp: 1 2;Udp: C;Udp: 3;' | 2",
        // one value short
        "'Tcp: A B;Tcp: 1;Udp: C;Udp: 3;' | 2",
        // a header at the end with no values
        "'Udp: C;Udp: 3;Tcp: A B;' | 1",
      })
  void aBrokenPairIsSkippedAndCounted(String content, long skipped) {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Map<String, Long>> pairs = HeaderPairs.parse(content.replace(';', '\n'), metrics);
    assertEquals(Map.of("C", 3L), pairs.get("Udp"));
    assertFalse(pairs.containsKey("Tcp"));
    assertEquals(skipped, metrics.skippedRecords());
  }

  @Test
  void aValueThatIsNotANumberLeavesOutThatNameOnly() {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Map<String, Long>> pairs = HeaderPairs.parse("Tcp: A B C\nTcp: 1 x -3\n", metrics);
    assertEquals(1L, pairs.get("Tcp").get("A"));
    assertNull(pairs.get("Tcp").get("B"));
    assertEquals(-3L, pairs.get("Tcp").get("C"));
    assertEquals(1, metrics.skippedRecords());
  }
}
