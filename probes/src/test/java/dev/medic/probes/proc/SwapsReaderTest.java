package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.SwapDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link SwapsReader}. */
class SwapsReaderTest {

  private static final long KIB = 1024;
  private static final String HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";

  /** Lines as the kernel prints them (name padded to 40 columns, then tabs) and the device they give. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'/dev/sda2                               partition\t8388604\t\t0\t\t-2' "
            + "| /dev/sda2 | partition | 8388604 | 0 | 0.0 | -2",
        "'/swapfile                               file\t\t1048576\t\t262144\t\t-3' "
            + "| /swapfile | file | 1048576 | 262144 | 25.0 | -3",
        "'/mnt/my\\040swap\\011file                  file\t\t100\t\t50\t\t5' "
            + "| '/mnt/my swap\tfile' | file | 100 | 50 | 50.0 | 5",
        "'/a\\134b                                 file\t\t4\t\t1\t\t0' | '/a\\b' | file | 4 | 1 | 25.0 | 0",
        // sizes of 10 GB and more lose the second tab; the name is 40 characters or longer: one space
        "'/dev/mapper/vg0-a_very_long_logical_swap_volume partition\t33554428\t12345678\t-2' "
            + "| /dev/mapper/vg0-a_very_long_logical_swap_volume | partition | 33554428 | 12345678 | 36.792992"
            + " | -2",
        "'/swapfile (deleted)                     file\t\t2048\t\t0\t\t-2' "
            + "| '/swapfile (deleted)' | file | 2048 | 0 | 0.0 | -2",
        "'/dev/zram0                              partition\t0\t\t0\t\t100' "
            + "| /dev/zram0 | partition | 0 | 0 | 0.0 | 100",
      })
  void parsesKernelLines(String line, String device, String kind, long sizeKb, long usedKb, double percent,
      int priority) {
    ProbeMetrics metrics = new ProbeMetrics();
    List<SwapDevice> devices = SwapsReader.parse(HEADER + line + "\n", 7L, metrics);
    assertEquals(1, devices.size());
    SwapDevice d = devices.get(0);
    assertEquals(new SwapDevice(7L, device, kind, sizeKb * KIB, usedKb * KIB, d.usedPercent(), priority), d);
    assertEquals(percent, d.usedPercent(), 1e-5);
    assertEquals(0, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({
    "'/dev/sda2 partition 8388604 0'",
    "'/dev/sda2 partition 8388604 0 high'",
    "'/dev/sda2 partition -1 0 -2'",
    "'/dev/sda2 partition 8388604 lots -2'",
    "'/dev/sda2 tape 8388604 0 -2'",
    "'/dev/sda2 partition 8388604 0 99999999999'",
    "'/dev/sda2 partition 99999999999999999999 0 -2'",
    "'\u0000\u0000garbage'",
  })
  void garbledLinesAreSkippedAndCounted(String bad) {
    ProbeMetrics metrics = new ProbeMetrics();
    List<SwapDevice> devices =
        SwapsReader.parse(HEADER + bad + "\n/dev/sdb1 partition 4 2 -3\n", 1L, metrics);
    assertEquals(List.of("/dev/sdb1"), devices.stream().map(SwapDevice::device).toList());
    assertEquals(1, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "/swapfile, /swapfile",
    "'a\\040b', 'a b'",
    "'\\134', '\\'",
    "'trailing\\04', 'trailing\\04'", // too short to be an escape
    "'\\400x', '\\400x'", // not a byte: left as it is
    "'caf\\303\\251', 'café'", // escaped UTF-8 bytes
    "'café\\040x', 'café x'",
  })
  void unescape(String escaped, String expected) {
    assertEquals(expected, SwapsReader.unescape(escaped));
  }

  @Test
  void unescapesANewline() {
    assertEquals("/swap\nfile", SwapsReader.unescape("/swap\\012file"));
  }

  @Test
  void v2HostFixtureHasAPartitionAndAFileWithASpace() {
    ProbeMetrics metrics = new ProbeMetrics();
    List<SwapDevice> devices = new SwapsReader(Fixtures.host("cgroup-v2-host"), metrics).read(42L);
    assertEquals(
        List.of(
            new SwapDevice(42L, "/dev/nvme0n1p3", "partition", 8_388_604 * KIB, 524_288 * KIB,
                100.0 * 524_288 / 8_388_604, -2),
            new SwapDevice(42L, "/var/lib/swap area/swapfile", "file", 2_097_148 * KIB, 0L, 0.0, 10)),
        devices);
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }

  @Test
  void headerOnlyMeansNoSwap(@TempDir Path dir) {
    Fixtures.write(dir, "proc/swaps", HEADER);
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(List.of(), new SwapsReader(new HostRoot(dir), metrics).read(1L));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }

  @Test
  void missingFileGivesNothingAndIsCountedOnce() {
    ProbeMetrics metrics = new ProbeMetrics();
    SwapsReader reader = new SwapsReader(Fixtures.host("old-kernel"), metrics);
    assertEquals(List.of(), reader.read(1L));
    assertEquals(List.of(), reader.read(2L));
    assertEquals(1, metrics.missingSources());
    assertEquals(0, metrics.failedReads());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void liveHostMatchesTheFile() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    List<SwapDevice> devices = new SwapsReader(HostRoot.live(), metrics).read(1L);
    long lines = Files.readAllLines(HostRoot.live().proc("swaps")).stream().filter(l -> !l.isBlank()).count();
    assertEquals(lines - 1, devices.size());
    assertTrue(devices.stream().allMatch(d -> d.usedPercent() >= 0 && d.usedPercent() <= 100 && d.size() >= 0));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }
}
