package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ConntrackSample;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConntrackReader}. */
class ConntrackReaderTest {

  private static final long T = 1_700_000_000_000L;
  private static final String HEADER = "entries  clashres found new invalid ignore delete chainlength insert"
      + " insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart\n";

  private static String row(int drop, int earlyDrop) {
    return String.format("00000008  00000000 00000000 00000000 00000001 00000000 00000000 00000000 00000000"
        + " 00000000 %08x %08x 00000000  00000000 00000000 00000000 00000000%n", drop, earlyDrop);
  }

  @Test
  void perCpuRowsAreSummedByName() {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Long> sums = ConntrackReader.parse(HEADER + row(0x10, 1) + row(6, 0), metrics);
    assertEquals(22L, sums.get("drop"));
    assertEquals(1L, sums.get("early_drop"));
    assertEquals(2L, sums.get("invalid"));
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void theReferenceAndThisMachineParse() {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(0L, ConntrackReader.parse(NetFixtures.net(NetFixtures.REFERENCE, "stat/nf_conntrack"), metrics)
        .get("search_restart"));
    assertEquals(17, ConntrackReader.parse(NetFixtures.net(NetFixtures.HOST, "stat/nf_conntrack"), metrics).size());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void aGarbledRowIsLeftOutWhole() {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Long> sums = ConntrackReader.parse(HEADER + row(1, 0) + row(2, 0).replace("00000002", "0000000Z")
        + "00000000 00000000\n", metrics);
    assertEquals(1L, sums.get("drop"));
    assertEquals(2, metrics.skippedRecords());
  }

  @Test
  void countAgainstMaxAndDropsBetweenSweeps(@TempDir Path tmp) {
    Fixtures.write(tmp, "proc/self/ns/net", "");
    Fixtures.write(tmp, "proc/sys/net/netfilter/nf_conntrack_count", "8\n");
    Fixtures.write(tmp, "proc/sys/net/netfilter/nf_conntrack_max", "8\n");
    Fixtures.write(tmp, "proc/self/net/stat/nf_conntrack", HEADER + row(0, 0) + row(0, 0));
    HostRoot root = new HostRoot(tmp);
    ConntrackReader reader = new ConntrackReader(root, new ProbeMetrics());
    ConntrackSample first = reader.read(T, NetFixtures.hostOf(root), null).orElseThrow();
    assertEquals(100.0, first.usedPercent());
    assertNull(first.newDrops());
    Fixtures.write(tmp, "proc/self/net/stat/nf_conntrack", HEADER + row(10, 0) + row(6, 0));
    ConntrackSample second = reader.read(T + 1, NetFixtures.hostOf(root), null).orElseThrow();
    assertEquals(16L, second.newDrops());
    assertEquals(0L, second.newEarlyDrops());
  }

  @Test
  void noConntrackNoFact(@TempDir Path tmp) {
    Fixtures.write(tmp, "proc/self/ns/net", "");
    HostRoot root = new HostRoot(tmp);
    assertEquals(true, new ConntrackReader(root, new ProbeMetrics()).read(T, NetFixtures.hostOf(root), null)
        .isEmpty());
  }
}
