package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link MeminfoReader}. */
class MeminfoReaderTest {

  private static final long KIB = 1024;

  private static final String MODERN = """
      MemTotal:        8000000 kB
      MemFree:          400000 kB
      MemAvailable:    2000000 kB
      Cached:          1300000 kB
      SwapTotal:       1000000 kB
      SwapFree:         750000 kB
      AnonPages:       5000000 kB
      Shmem:            250000 kB
      Committed_AS:   10000000 kB
      SReclaimable:     300000 kB
      CommitLimit:     4500000 kB
      HugePages_Total:      16
      HugePages_Free:        4
      HugePages_Rsvd:        0
      Hugepagesize:       2048 kB
      """;

  @Test
  void parsesAModernMeminfo() throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    MemorySample m = MeminfoReader.parse(MODERN, 1234L, metrics);
    assertEquals(
        new MemorySample(
            1234L, 8_000_000 * KIB, 2_000_000 * KIB, 25.0, 75.0, 1_000_000 * KIB, 750_000 * KIB, 25.0,
            5_000_000 * KIB, 250_000 * KIB, 10_000_000 * KIB, 400_000 * KIB, 1_300_000 * KIB, 300_000 * KIB,
            4_500_000 * KIB, 16L, 4L, 2048 * KIB),
        m);
    assertEquals(0, metrics.skippedRecords());
  }

  /** Each row removes or breaks one line of {@link #MODERN}; the listed field must become null, nothing thrown. */
  @ParameterizedTest(name = "[{index}] without ''{0}''")
  @CsvSource({
    "'MemAvailable:    2000000 kB', available, 0, ''",
    "'AnonPages:       5000000 kB', anon, 0, ''",
    "'Shmem:            250000 kB', shmem, 0, ''",
    "'Committed_AS:   10000000 kB', committed, 0, ''",
    "'Committed_AS:   10000000 kB', committed, 1, 'Committed_AS:   100'",
    "'Shmem:            250000 kB', shmem, 1, 'Shmem:   lots kB'",
    "'MemFree:          400000 kB', free, 0, ''",
    "'Cached:          1300000 kB', cached, 0, ''",
    "'SReclaimable:     300000 kB', reclaimable, 0, ''",
    "'CommitLimit:     4500000 kB', commitLimit, 1, 'CommitLimit: 4500000 pages'",
    "'HugePages_Total:      16', hugePagesTotal, 0, ''",
    "'HugePages_Free:        4', hugePagesFree, 1, 'HugePages_Free: four'",
    "'HugePages_Free:        4', hugePagesFree, 1, 'HugePages_Free: -4'",
    "'Hugepagesize:       2048 kB', hugePageSize, 0, ''",
  })
  void optionalFieldsBecomeNull(String line, String field, int skipped, String replacement)
      throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    MemorySample m = MeminfoReader.parse(MODERN.replace(line, replacement), 1L, metrics);
    Object value = switch (field) {
      case "available" -> m.available();
      case "anon" -> m.anon();
      case "shmem" -> m.shmem();
      case "free" -> m.free();
      case "cached" -> m.cached();
      case "reclaimable" -> m.reclaimable();
      case "commitLimit" -> m.commitLimit();
      case "hugePagesTotal" -> m.hugePagesTotal();
      case "hugePagesFree" -> m.hugePagesFree();
      case "hugePageSize" -> m.hugePageSize();
      default -> m.committed();
    };
    assertNull(value);
    assertEquals(8_000_000 * KIB, m.total());
    assertEquals(skipped, metrics.skippedRecords());
    if (field.equals("available")) {
      assertNull(m.availablePercent());
      assertNull(m.usedPercent());
    }
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
  @CsvSource({
    "'MemTotal:        8000000 kB', ''",
    "'MemTotal:        8000000 kB', 'MemTotal:        0 kB'",
    "'MemTotal:        8000000 kB', 'MemTotal:        80000'",
    "'SwapTotal:       1000000 kB', ''",
    "'SwapFree:         750000 kB', 'SwapFree: -1 kB'",
  })
  void requiredFieldsMissingMeansNoSample(String line, String replacement) {
    String content = MODERN.replace(line, replacement);
    assertThrows(KernelFormatException.class, () -> MeminfoReader.parse(content, 1L, new ProbeMetrics()));
  }

  @Test
  void noSwapIsZeroPercentNotNull() throws KernelFormatException {
    String content = MODERN.replace("SwapTotal:       1000000 kB", "SwapTotal: 0 kB")
        .replace("SwapFree:         750000 kB", "SwapFree: 0 kB");
    assertEquals(0.0, MeminfoReader.parse(content, 1L, new ProbeMetrics()).swapUsedPercent());
  }

  @Test
  void readsTheV1HostFixture() throws IOException {
    MemorySample m = new MeminfoReader(Fixtures.host("cgroup-v1-host"), new ProbeMetrics()).read(99L).orElseThrow();
    assertEquals(99L, m.timestamp());
    assertEquals(8048764 * KIB, m.total());
    assertEquals(1609752 * KIB, m.available());
    assertEquals(100.0 * 1609752 / 8048764, m.availablePercent(), 1e-9);
    assertEquals(100.0 - 100.0 * 1609752 / 8048764, m.usedPercent(), 1e-9);
    assertEquals(2097148 * KIB, m.swapTotal());
    assertEquals(1572860 * KIB, m.swapFree());
    assertEquals(100.0 * (2097148 - 1572860) / 2097148, m.swapUsedPercent(), 1e-9);
    assertEquals(5843212 * KIB, m.anon());
    assertEquals(262144 * KIB, m.shmem());
    assertEquals(10485760 * KIB, m.committed());
    assertEquals(412356 * KIB, m.free());
    assertEquals(1310720 * KIB, m.cached());
    assertEquals(24340 * KIB, m.reclaimable());
    assertEquals(12341828 * KIB, m.commitLimit());
    assertEquals(0L, m.hugePagesTotal()); // counts, not kB
    assertEquals(0L, m.hugePagesFree());
    assertEquals(2048 * KIB, m.hugePageSize());
  }

  @Test
  void oldKernelHasNoAvailable() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    MemorySample m = new MeminfoReader(Fixtures.host("old-kernel"), metrics).read(1L).orElseThrow();
    assertEquals(3881692 * KIB, m.total());
    assertNull(m.available());
    assertNull(m.availablePercent());
    assertNull(m.usedPercent());
    assertEquals(0.0, m.swapUsedPercent());
    assertEquals(1209876 * KIB, m.free());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void garbledFileGivesNoSampleAndCountsIt(@TempDir Path dir) throws IOException {
    Fixtures.write(dir, "proc/meminfo", "MemTotal:  80\u0000\u0000garbage\n");
    ProbeMetrics metrics = new ProbeMetrics();
    MeminfoReader reader = new MeminfoReader(new HostRoot(dir), metrics);
    assertEquals(Optional.empty(), reader.read(1L));
    assertEquals(Optional.empty(), reader.read(2L));
    assertEquals(2, metrics.skippedRecords());
  }

  @Test
  void missingFileIsAnIoErrorForTheSweepToCount(@TempDir Path dir) {
    MeminfoReader reader = new MeminfoReader(new HostRoot(dir), new ProbeMetrics());
    assertThrows(NoSuchFileException.class, () -> reader.read(1L));
  }

  @Test
  void percentagesStayInRange() throws KernelFormatException {
    // whatever the kernel prints, the fact contract promises percentages in 0..100
    String content = MODERN.replace("MemAvailable:    2000000 kB", "MemAvailable:    9000000 kB");
    MemorySample m = MeminfoReader.parse(content, 1L, new ProbeMetrics());
    assertEquals(100.0, m.availablePercent());
    assertEquals(0.0, m.usedPercent());
    assertTrue(m.available() > m.total());
  }
}
