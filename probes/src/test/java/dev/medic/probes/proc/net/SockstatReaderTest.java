package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.SocketsSample;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SockstatReader}. */
class SockstatReaderTest {

  private static final long T = 1_700_000_000_000L;

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
    "sockets, used, 18",
    "TCP, inuse, 1",
    "TCP, tw, 1",
    "TCP, mem, 126",
    "UDP, mem, 0",
    "FRAG, memory, 0",
  })
  void referenceSampleByName(String prefix, String key, long value) {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(value, SockstatReader.parse(NetFixtures.net(NetFixtures.REFERENCE, "sockstat"), metrics)
        .get(prefix).get(key));
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void theReferenceHostInBytesAgainstTcpMem() {
    SocketsSample s = new SockstatReader(NetFixtures.REFERENCE, new ProbeMetrics(), () -> 4096)
        .read(T, NetFixtures.hostOf(NetFixtures.REFERENCE)).orElseThrow();
    assertEquals(126L * 4096, s.tcpMem());
    assertEquals(383855L * 4096, s.tcpMemPressure());
    assertEquals(575778L * 4096, s.tcpMemMax());
    assertEquals(100.0 * 126 / 575778, s.tcpMemPercent(), 1e-9);
    assertEquals(1L, s.tcpTimeWait());
    assertEquals(100.0 / 131072, s.timeWaitPercent(), 1e-12);
    assertEquals(0.0, s.orphanPercent());
    assertEquals(1L, s.tcpInuse(), "no sockstat6 in this fixture: IPv4 only");
  }

  @Test
  void ipv6SocketsAreAddedAndAGarbledLineIsCounted() {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Map<String, Long>> lines = new java.util.HashMap<>(
        SockstatReader.parse("TCP: inuse 2 orphan 0 tw 5 alloc 4 mem 3\nUDP: inuse 1 mem x\nbad line\n", metrics));
    lines.putAll(SockstatReader.parse(NetFixtures.net(NetFixtures.HOST, "sockstat6"), metrics));
    assertEquals(2, metrics.skippedRecords());
    SocketsSample s = SockstatReader.sample(T, "net:[7]", lines,
        new SockstatReader.Limits(null, null, null), 4096).orElseThrow();
    assertEquals(2L + lines.get("TCP6").get("inuse"), s.tcpInuse());
    assertNull(s.tcpMemMax());
    assertNull(s.tcpMemPercent());
    assertNull(s.udpMem());
  }
}
