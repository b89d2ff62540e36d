package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.VmSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link VmSettingsReader}. */
class VmSettingsReaderTest {

  private static final Map<String, String> DEFAULTS = Map.of(
      "swappiness", "60\n", "overcommit_memory", "0\n", "min_free_kbytes", "67584\n", "panic_on_oom", "0\n");

  @Test
  void parsesAllFour() {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(
        Optional.of(new VmSettings(3L, 60, 0, 67584L * 1024, 0)), VmSettingsReader.parse(DEFAULTS, 3L, metrics));
    assertEquals(0, metrics.skippedRecords());
  }

  /** Each row replaces one file's content (NULL: the file is missing); only that field becomes null. */
  @ParameterizedTest(name = "[{index}] {0} = ''{1}''")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "swappiness, NULL, 0",
        "swappiness, '', 1",
        "swappiness, 'sixty', 1",
        "swappiness, '-1', 1",
        "swappiness, '3000000000', 1", // not an int
        "overcommit_memory, NULL, 0",
        "overcommit_memory, '2 1', 1",
        "min_free_kbytes, NULL, 0",
        "min_free_kbytes, '12.5', 1",
        "min_free_kbytes, '9223372036854775807', 1", // would overflow as bytes
        "panic_on_oom, NULL, 0",
        "panic_on_oom, '\u0000', 1",
      })
  void aBadOrMissingFileNullsOnlyItsField(String file, String content, int skipped) {
    Map<String, String> contents = new HashMap<>(DEFAULTS);
    if (content == null) {
      contents.remove(file);
    } else {
      contents.put(file, content);
    }
    ProbeMetrics metrics = new ProbeMetrics();
    VmSettings s = VmSettingsReader.parse(contents, 1L, metrics).orElseThrow();
    assertEquals(new VmSettings(
        1L,
        file.equals("swappiness") ? null : 60,
        file.equals("overcommit_memory") ? null : 0,
        file.equals("min_free_kbytes") ? null : 67584L * 1024,
        file.equals("panic_on_oom") ? null : 0), s);
    assertEquals(skipped, metrics.skippedRecords());
  }

  @Test
  void stripsWhitespaceAndAcceptsTheModernSwappinessRange() {
    Map<String, String> contents = new HashMap<>(DEFAULTS);
    contents.put("swappiness", "  200 \n");
    assertEquals(200, VmSettingsReader.parse(contents, 1L, new ProbeMetrics()).orElseThrow().swappiness());
  }

  @Test
  void nothingReadableMeansNoFact() {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(Optional.empty(), VmSettingsReader.parse(Map.of(), 1L, metrics));
    assertEquals(Optional.empty(), VmSettingsReader.parse(Map.of("swappiness", "x"), 1L, metrics));
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void v2HostFixture() {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(
        Optional.of(new VmSettings(9L, 10, 2, 67584L * 1024, 0)),
        new VmSettingsReader(Fixtures.host("cgroup-v2-host"), metrics).read(9L));
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }

  @Test
  void oneMissingFileIsCountedOnceAcrossReads(@TempDir Path dir) {
    Fixtures.write(dir, "proc/sys/vm/swappiness", "30\n");
    Fixtures.write(dir, "proc/sys/vm/overcommit_memory", "1\n");
    Fixtures.write(dir, "proc/sys/vm/min_free_kbytes", "lots\n");
    ProbeMetrics metrics = new ProbeMetrics();
    VmSettingsReader reader = new VmSettingsReader(new HostRoot(dir), metrics);
    assertEquals(Optional.of(new VmSettings(1L, 30, 1, null, null)), reader.read(1L));
    assertEquals(Optional.of(new VmSettings(2L, 30, 1, null, null)), reader.read(2L));
    assertEquals(1, metrics.missingSources()); // panic_on_oom
    assertEquals(2, metrics.skippedRecords()); // min_free_kbytes, each read
  }

  @Test
  void noFilesAtAllGivesNothing() {
    ProbeMetrics metrics = new ProbeMetrics();
    VmSettingsReader reader = new VmSettingsReader(Fixtures.host("cgroup-v1-host"), metrics);
    assertEquals(Optional.empty(), reader.read(1L));
    assertEquals(Optional.empty(), reader.read(2L));
    assertEquals(4, metrics.missingSources()); // each file once
    assertEquals(0, metrics.failedReads());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void liveSwappinessIsTheFile() throws IOException {
    ProbeMetrics metrics = new ProbeMetrics();
    VmSettings live = new VmSettingsReader(HostRoot.live(), metrics).read(1L).orElseThrow();
    // not Files.readString: for a file of size 0 it reads one byte first, and sysctl files answer a read at a
    // non-zero offset with EOF, so it returns "6" for "60"
    assertEquals(Integer.valueOf(procFile("sys/vm/swappiness")), live.swappiness());
    assertEquals(Long.parseLong(procFile("sys/vm/min_free_kbytes")) * 1024, live.minFree());
    assertEquals(0, metrics.skippedRecords() + metrics.missingSources());
  }

  private static String procFile(String relative) throws IOException {
    try (InputStream in = Files.newInputStream(HostRoot.live().proc(relative))) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
  }
}
