package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.VmstatSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link VmstatReader}. */
class VmstatReaderTest {

  private static final long T0 = 1_700_000_000_000L;

  /** Each row is one file's content (lines separated by ';') and the counters it gives, NULL for absent. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        // 4.8+: per node, khugepaged (5.8+) added, throttle and proactive never
        "'pgscan_kswapd 100;pgscan_direct 20;pgscan_khugepaged 3;pgscan_direct_throttle 9;pgscan_proactive 50;'"
            + " | 123 | 20 | NULL | NULL | NULL | NULL",
        // 4.8..5.7: no khugepaged line
        "'pgscan_kswapd 100;pgscan_direct 20;' | 120 | 20 | NULL | NULL | NULL | NULL",
        // before 4.8: per zone, summed; throttle is not a zone
        "'pgscan_kswapd_dma 1;pgscan_kswapd_dma32 10;pgscan_kswapd_normal 100;pgscan_kswapd_movable 0;"
            + "pgscan_direct_dma32 2;pgscan_direct_normal 20;pgscan_direct_throttle 7;'"
            + " | 133 | 22 | NULL | NULL | NULL | NULL",
        // 32-bit highmem kernels have a _high zone
        "'pgscan_kswapd_normal 5;pgscan_kswapd_high 6;pgscan_direct_high 1;' | 12 | 1 | NULL | NULL | NULL | NULL",
        "'pswpin 7;pswpout 8;pgmajfault 9;oom_kill 0;' | NULL | NULL | 7 | 8 | 9 | 0",
        "'pgscan_kswapd 5;' | 5 | NULL | NULL | NULL | NULL | NULL",
        "'nr_free_pages 1;' | NULL | NULL | NULL | NULL | NULL | NULL",
      })
  void countersFromEachKernelLayout(
      String content, Long pgscan, Long direct, Long swapIn, Long swapOut, Long majorFaults, Long oomKills) {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(
        new VmstatReader.Counters(pgscan, direct, swapIn, swapOut, majorFaults, oomKills),
        VmstatReader.Counters.of(VmstatReader.parse(content.replace(';', '\n'), metrics)));
    assertEquals(0, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({
    "'pswpin'",
    "'pswpin 12x'",
    "'pswpin 1 2'",
    "'pswpin 99999999999999999999999'",
    "'\u0000\u0000garbage'",
  })
  void garbledLinesAreSkippedAndCounted(String bad) {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Long> counters = VmstatReader.parse("pgmajfault 3\n" + bad + "\noom_kill 1\n", metrics);
    assertEquals(Map.of("pgmajfault", 3L, "oom_kill", 1L), counters);
    assertEquals(1, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1} over {2} ms = {3}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "1000, 1400, 2000, 200.0",
        "0, 0, 5000, 0.0",
        "10, 15, 500, 10.0",
        "1400, 1000, 2000, NULL", // reset
        "1000, 1400, 0, NULL", // no time passed
        "1000, 1400, -2000, NULL", // clock went back
        "NULL, 1400, 2000, NULL",
        "1000, NULL, 2000, NULL",
      })
  void rate(Long previous, Long current, long elapsed, Double expected) {
    assertEquals(expected, VmstatReader.rate(previous, current, elapsed));
  }

  @Test
  void v2HostFixture() {
    ProbeMetrics metrics = new ProbeMetrics();
    VmstatReader reader = new VmstatReader(Fixtures.host("cgroup-v2-host"), metrics);
    assertEquals(Optional.of(new VmstatSample(T0, null, null, null, null, null, null)), reader.read(T0));
    // the fixture does not change: every rate is exactly 0 and there were no new OOM kills
    assertEquals(Optional.of(new VmstatSample(T0 + 2000, 0.0, 0.0, 0.0, 0.0, 0.0, 0L)), reader.read(T0 + 2000));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources() + metrics.failedReads());
  }

  @Test
  void v2HostCounters() throws IOException {
    String content = Files.readString(Fixtures.host("cgroup-v2-host").proc("vmstat"));
    assertEquals(
        new VmstatReader.Counters(1_523_400L + 20_480 + 512, 20_480L, 81_234L, 204_871L, 48_213L, 2L),
        VmstatReader.Counters.of(VmstatReader.parse(content, new ProbeMetrics())));
  }

  /** 3.10: per-zone scan counters and no oom_kill, so newOomKills stays null while the rates work. */
  @Test
  void oldKernelSumsZonesAndHasNoOomKills() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    String content = Files.readString(Fixtures.host("old-kernel").proc("vmstat"));
    assertEquals(
        new VmstatReader.Counters(272_276L + 428_781 + 66_132 + 247_084, 66_132L + 247_084, 1204L, 1530L, 4249L, null),
        VmstatReader.Counters.of(VmstatReader.parse(content, metrics)));
    VmstatReader reader = new VmstatReader(Fixtures.host("old-kernel"), metrics);
    reader.read(T0);
    assertEquals(Optional.of(new VmstatSample(T0 + 2000, 0.0, 0.0, 0.0, 0.0, 0.0, null)), reader.read(T0 + 2000));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }

  @Test
  void ratesFromTwoReads(@TempDir Path dir) {
    VmstatReader reader = new VmstatReader(new HostRoot(dir), new ProbeMetrics());
    Fixtures.write(dir, "proc/vmstat", vmstat(1000, 200, 10, 500, 300, 40, 2));
    VmstatSample first = reader.read(T0).orElseThrow();
    assertEquals(new VmstatSample(T0, null, null, null, null, null, null), first);

    // 2 s later: pgscan +4000 (kswapd +3000, direct +1000), pswpin +400, pswpout +100, pgmajfault +50, 3 OOM kills
    Fixtures.write(dir, "proc/vmstat", vmstat(4000, 1200, 10, 900, 400, 90, 5));
    assertEquals(new VmstatSample(T0 + 2000, 2000.0, 500.0, 200.0, 50.0, 25.0, 3L), reader.read(T0 + 2000).get());

    // the same timestamp again (a re-run sweep): no rates, but the OOM kill count is still a plain delta
    Fixtures.write(dir, "proc/vmstat", vmstat(4000, 1200, 10, 900, 400, 90, 6));
    assertEquals(new VmstatSample(T0 + 2000, null, null, null, null, null, 1L), reader.read(T0 + 2000).get());
  }

  @Test
  void aCounterThatWentBackwardsIsNullOnlyForItsField(@TempDir Path dir) {
    VmstatReader reader = new VmstatReader(new HostRoot(dir), new ProbeMetrics());
    Fixtures.write(dir, "proc/vmstat", vmstat(1000, 200, 10, 500, 300, 40, 2));
    reader.read(T0);
    Fixtures.write(dir, "proc/vmstat", vmstat(1000, 200, 10, 100, 300, 40, 0));
    VmstatSample sample = reader.read(T0 + 1000).orElseThrow();
    assertNull(sample.swapInPerSec());
    assertNull(sample.newOomKills());
    assertEquals(0.0, sample.pgscanPerSec());
    assertEquals(0.0, sample.swapOutPerSec());
    // and the next read counts from the new, lower value
    Fixtures.write(dir, "proc/vmstat", vmstat(1000, 200, 10, 300, 300, 40, 1));
    VmstatSample next = reader.read(T0 + 2000).orElseThrow();
    assertEquals(200.0, next.swapInPerSec());
    assertEquals(1L, next.newOomKills());
  }

  @Test
  void garbledLinesInTheFileAreCountedAndTheRestIsUsed(@TempDir Path dir) {
    ProbeMetrics metrics = new ProbeMetrics();
    Fixtures.write(dir, "proc/vmstat", "pswpin 10\npswpout ten\n\u0000\u0000\npgmajfault 3\n");
    VmstatReader reader = new VmstatReader(new HostRoot(dir), metrics);
    assertTrue(reader.read(T0).isPresent());
    assertEquals(2, metrics.skippedRecords());
  }

  @Test
  void aFileWithNoneOfTheCountersGivesNoSample(@TempDir Path dir) {
    ProbeMetrics metrics = new ProbeMetrics();
    Fixtures.write(dir, "proc/vmstat", "nr_free_pages 12\n");
    VmstatReader reader = new VmstatReader(new HostRoot(dir), metrics);
    assertEquals(Optional.empty(), reader.read(T0));
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void missingFileGivesNothingAndIsCountedOnce(@TempDir Path dir) {
    ProbeMetrics metrics = new ProbeMetrics();
    VmstatReader reader = new VmstatReader(new HostRoot(dir), metrics);
    assertEquals(Optional.empty(), reader.read(T0));
    assertEquals(Optional.empty(), reader.read(T0 + 2000));
    assertEquals(1, metrics.missingSources());
    assertEquals(0, metrics.failedReads());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void liveHost() throws InterruptedException {
    ProbeMetrics metrics = new ProbeMetrics();
    VmstatReader reader = new VmstatReader(HostRoot.live(), metrics);
    long t0 = System.currentTimeMillis();
    VmstatSample first = reader.read(t0).orElseThrow();
    assertNull(first.pgscanPerSec());
    Thread.sleep(20);
    VmstatSample second = reader.read(System.currentTimeMillis()).orElseThrow();
    for (Double rate : new Double[] {second.pgscanPerSec(), second.pgscanDirectPerSec(), second.swapInPerSec(),
        second.swapOutPerSec(), second.majorFaultsPerSec()}) {
      assertNotNull(rate);
      assertTrue(rate >= 0.0, "rate " + rate);
    }
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources() + metrics.failedReads());
  }

  private static String vmstat(
      long kswapd, long direct, long khugepaged, long pswpin, long pswpout, long pgmajfault, long oomKill) {
    return "nr_free_pages 1051285\npswpin " + pswpin + "\npswpout " + pswpout + "\npgmajfault " + pgmajfault
        + "\npgscan_kswapd " + kswapd + "\npgscan_direct " + direct + "\npgscan_khugepaged " + khugepaged
        + "\npgscan_direct_throttle 0\noom_kill " + oomKill + "\n";
  }
}
