package dev.medic.probes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.ProbeMetrics;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link KernelFiles}. */
class KernelFilesTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "'10348 kB', 10596352",
        "'0 kB', 0",
        "'  42 kB', 43008",
        "'42kB', 43008",
        "'42', NULL", // truncated before the unit: do not guess
        "'4x kB', NULL",
        "'-1 kB', NULL",
        "'', NULL",
        "'9007199254740993 kB', NULL", // would overflow a long in bytes
      })
  void kbToBytes(String value, Long expected) {
    assertEquals(expected, KernelFiles.kbToBytes(value));
  }

  @Test
  void kbToBytesOfNullIsNull() {
    assertNull(KernelFiles.kbToBytes(null));
  }

  @Test
  void colonFieldsCountsLinesWithoutAColon() {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, String> fields =
        KernelFiles.colonFields("MemTotal:  100 kB\ngarbage\n\nSwapFree:\t0 kB\nMemT", metrics);
    assertEquals(Map.of("MemTotal", "100 kB", "SwapFree", "0 kB"), fields);
    assertEquals(2, metrics.skippedRecords());
  }

  @Test
  void spaceFieldsCountsMalformedLines() {
    ProbeMetrics metrics = new ProbeMetrics();
    Map<String, Long> fields =
        KernelFiles.spaceFields("oom_kill_disable 0\nunder_oom 1\noom_kill x\nbroken\n", metrics);
    assertEquals(Map.of("oom_kill_disable", 0L, "under_oom", 1L), fields);
    assertEquals(2, metrics.skippedRecords());
  }

  @Test
  void parseSingleLong() throws KernelFormatException {
    assertEquals(429916160L, KernelFiles.parseSingleLong("429916160\n", "usage"));
    KernelFormatException e =
        assertThrows(KernelFormatException.class, () -> KernelFiles.parseSingleLong("42 43\n", "memory.current"));
    assertTrue(e.getMessage().contains("memory.current"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"50, 200, 25.0", "0, 0, 0.0", "5, 0, 100.0", "300, 200, 100.0", "-5, 200, 0.0"})
  void percentIsClampedToTheContract(long part, long whole, double expected) {
    assertEquals(expected, KernelFiles.percent(part, whole), 1e-9);
  }

  @Test
  void isGoneRecognisesMissingFilesAndEsrchOnly() {
    assertTrue(KernelFiles.isGone(new NoSuchFileException("/x/proc/1/status")));
    assertTrue(KernelFiles.isGone(new FileSystemException("/x/proc/2/smaps_rollup", null, "No such process")));
    assertFalse(KernelFiles.isGone(new AccessDeniedException("/x/proc/1/smaps_rollup")));
    assertFalse(KernelFiles.isGone(new IOException("disk on fire")));
  }

  @Test
  void readsWholeFilesAndCapsWhenAsked(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("cmdline"), "a".repeat(10_000));
    assertEquals(10_000, KernelFiles.read(file).length());
    assertEquals(4096, KernelFiles.read(file, 4096).length());
  }

  @Test
  void warnOnceReportsOnlyTheFirstTimePerKey() {
    WarnOnce warnOnce = new WarnOnce(org.slf4j.LoggerFactory.getLogger(KernelFilesTest.class));
    assertTrue(warnOnce.warn("a", "first {}", 1));
    assertFalse(warnOnce.warn("a", "again {}", 2));
    assertTrue(warnOnce.warn("b", "other key"));
  }
}
