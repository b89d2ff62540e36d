package dev.medic.probes.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.EdacSample;
import dev.medic.probes.internal.KernelFormatException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link EdacReader}. */
class EdacReaderTest {

  private static final String MC = "sys/devices/system/edac/mc/";

  @ParameterizedTest(name = "[{index}] ''{0}'' = {1}")
  @CsvSource({"'0', 0", "'17', 17", "' 42 ', 42", "'9223372036854775807', 9223372036854775807"})
  void parsesACount(String content, long expected) throws KernelFormatException {
    assertEquals(expected, EdacReader.parseCount(content, "mc0/ce_count"));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({"''", "'-1'", "'many'", "'1 2'", "'18446744073709551615'"})
  void rejectsABadCount(String content) {
    assertThrows(KernelFormatException.class, () -> EdacReader.parseCount(content, "mc0/ce_count"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(nullValues = "NULL", value = {"0, 0, 0", "3, 10, 7", "10, 3, NULL"})
  void delta(long previous, long current, Long expected) {
    assertEquals(expected, EdacReader.delta(previous, current));
  }

  @Test
  void v2HostFixtureHasTwoControllers() {
    ProbeMetrics metrics = new ProbeMetrics();
    EdacReader reader = new EdacReader(Fixtures.host("cgroup-v2-host"), metrics);
    assertEquals(
        List.of(new EdacSample(5L, "mc0", 3, 0, null, null), new EdacSample(5L, "mc1", 0, 0, null, null)),
        reader.read(5L));
    assertEquals(
        List.of(new EdacSample(6L, "mc0", 3, 0, 0L, 0L), new EdacSample(6L, "mc1", 0, 0, 0L, 0L)),
        reader.read(6L));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources() + metrics.failedReads());
  }

  @Test
  void deltasBetweenReadsAndAfterAReset(@TempDir Path dir) {
    EdacReader reader = new EdacReader(new HostRoot(dir), new ProbeMetrics());
    counts(dir, "mc0", 5, 0);
    assertEquals(List.of(new EdacSample(1L, "mc0", 5, 0, null, null)), reader.read(1L));

    counts(dir, "mc0", 9, 1);
    assertEquals(List.of(new EdacSample(2L, "mc0", 9, 1, 4L, 1L)), reader.read(2L));

    counts(dir, "mc0", 2, 1); // echo > reset_counters: ce went back, ue did not change
    assertEquals(List.of(new EdacSample(3L, "mc0", 2, 1, null, 0L)), reader.read(3L));

    counts(dir, "mc0", 4, 1);
    assertEquals(List.of(new EdacSample(4L, "mc0", 4, 1, 2L, 0L)), reader.read(4L));
  }

  @Test
  void aNewControllerStartsWithoutDeltasAndOrderIsNumeric(@TempDir Path dir) {
    EdacReader reader = new EdacReader(new HostRoot(dir), new ProbeMetrics());
    counts(dir, "mc10", 1, 0);
    counts(dir, "mc2", 1, 0);
    Fixtures.write(dir, MC + "power/autosuspend_delay_ms", "0\n"); // not a controller
    Fixtures.write(dir, MC + "mcx/ce_count", "0\n");
    reader.read(1L);
    counts(dir, "mc3", 7, 0);
    List<EdacSample> samples = reader.read(2L);
    assertEquals(List.of("mc2", "mc3", "mc10"), samples.stream().map(EdacSample::controller).toList());
    assertEquals(0L, samples.get(0).newCorrectable());
    assertEquals(null, samples.get(1).newCorrectable());
    assertEquals(0L, samples.get(2).newCorrectable());
  }

  @Test
  void aControllerWithABadCountIsSkippedAndCounted(@TempDir Path dir) {
    counts(dir, "mc0", 1, 0);
    Fixtures.write(dir, MC + "mc1/ce_count", "garbage\n");
    Fixtures.write(dir, MC + "mc1/ue_count", "0\n");
    Fixtures.write(dir, MC + "mc2/ce_count", "0\n"); // no ue_count
    ProbeMetrics metrics = new ProbeMetrics();
    List<EdacSample> samples = new EdacReader(new HostRoot(dir), metrics).read(1L);
    assertEquals(List.of("mc0"), samples.stream().map(EdacSample::controller).toList());
    assertEquals(2, metrics.skippedRecords()); // mc1's garbage, mc2's missing ue_count
  }

  @Test
  void noEdacGivesNothingAndIsCountedOnce() {
    ProbeMetrics metrics = new ProbeMetrics();
    EdacReader reader = new EdacReader(Fixtures.host("old-kernel"), metrics);
    assertEquals(List.of(), reader.read(1L));
    assertEquals(List.of(), reader.read(2L));
    assertEquals(1, metrics.missingSources());
    assertEquals(0, metrics.failedReads());
  }

  @Test
  void liveHostDoesNotFail() {
    ProbeMetrics metrics = new ProbeMetrics();
    EdacReader reader = new EdacReader(HostRoot.live(), metrics);
    reader.read(1L);
    reader.read(2L);
    assertEquals(0, metrics.skippedRecords() + metrics.failedReads());
  }

  private static void counts(Path dir, String mc, long ce, long ue) {
    Fixtures.write(dir, MC + mc + "/ce_count", ce + "\n");
    Fixtures.write(dir, MC + mc + "/ue_count", ue + "\n");
  }
}
