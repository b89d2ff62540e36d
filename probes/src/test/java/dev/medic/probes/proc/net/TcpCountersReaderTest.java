package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.TcpSample;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TcpCountersReader}: netstat + snmp into a {@link TcpSample} of increases. */
class TcpCountersReaderTest {

  private static final long T = 1_700_000_000_000L;

  private static Map<String, Map<String, Long>> counters(long overflows, long retrans, long outSegs, long rsts) {
    return Map.of(
        "TcpExt", Map.of("ListenOverflows", overflows, "ListenDrops", overflows, "TCPSynRetrans", 0L),
        "Tcp", Map.of("RetransSegs", retrans, "OutSegs", outSegs, "OutRsts", rsts, "CurrEstab", 3L));
  }

  @Test
  void deltasAreNullFirstThenIncreasesThenNullAfterAReset() {
    Deltas deltas = new Deltas();
    TcpSample first = TcpCountersReader.sample(T, "host", counters(5, 10, 1000, 2), deltas).orElseThrow();
    assertEquals(3L, first.currEstab());
    assertNull(first.newListenOverflows());
    assertNull(first.retransPercent());

    TcpSample second = TcpCountersReader.sample(T + 1, "host", counters(26, 20, 1200, 4), deltas).orElseThrow();
    assertEquals(21L, second.newListenOverflows());
    assertEquals(21L, second.newListenDrops());
    assertEquals(0L, second.newSynRetrans());
    assertEquals(10L, second.newRetransSegs());
    assertEquals(200L, second.newOutSegs());
    assertEquals(5.0, second.retransPercent());
    assertEquals(2L, second.newOutRsts());
    assertNull(second.newTimeouts(), "a counter the files do not have stays null");

    TcpSample fewSegments = TcpCountersReader.sample(T + 2, "host", counters(26, 21, 1250, 4), deltas).orElseThrow();
    assertEquals(50L, fewSegments.newOutSegs());
    assertNull(fewSegments.retransPercent(), "under 100 segments sent: no percentage");

    TcpSample reset = TcpCountersReader.sample(T + 3, "host", counters(0, 0, 10, 0), deltas).orElseThrow();
    assertNull(reset.newListenOverflows());
    assertNull(reset.newOutSegs());
    TcpSample afterReset = TcpCountersReader.sample(T + 4, "host", counters(1, 0, 10, 0), deltas).orElseThrow();
    assertEquals(1L, afterReset.newListenOverflows());
  }

  @Test
  void namespacesHaveTheirOwnDeltas() {
    Deltas deltas = new Deltas();
    TcpCountersReader.sample(T, "host", counters(5, 0, 0, 0), deltas);
    TcpCountersReader.sample(T, "net:[1]", counters(100, 0, 0, 0), deltas);
    assertEquals(1L, TcpCountersReader.sample(T + 1, "host", counters(6, 0, 0, 0), deltas).orElseThrow()
        .newListenOverflows());
    assertEquals(0L, TcpCountersReader.sample(T + 1, "net:[1]", counters(100, 0, 0, 0), deltas).orElseThrow()
        .newListenOverflows());
  }

  @Test
  void theFixtureHostGivesASampleOfItsNamespace() {
    TcpCountersReader reader = new TcpCountersReader(NetFixtures.REFERENCE, new ProbeMetrics());
    TcpSample first = reader.read(T, NetFixtures.hostOf(NetFixtures.REFERENCE)).orElseThrow();
    assertEquals("host", first.netns());
    assertEquals(0L, first.currEstab());
    TcpSample again = reader.read(T + 1, NetFixtures.hostOf(NetFixtures.REFERENCE)).orElseThrow();
    assertEquals(0L, again.newOutSegs(), "the same files twice: nothing moved");
  }

  @Test
  void noFilesNoSample(@TempDir Path tmp) {
    Fixtures.write(tmp, "proc/self/ns/net", "");
    ProbeMetrics metrics = new ProbeMetrics();
    HostRoot root = new HostRoot(tmp);
    assertTrue(new TcpCountersReader(root, metrics).read(T, NetFixtures.hostOf(root)).isEmpty());
    assertEquals(2, metrics.missingSources());
  }
}
