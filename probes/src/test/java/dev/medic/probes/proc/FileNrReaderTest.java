package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.FilesSample;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link FileNrReader}. */
class FileNrReaderTest {

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"'685\t0\t2466093\n'", "'1570 0 2466093'"})
  void threeIntegers(String content) {
    FilesSample s = FileNrReader.parse(content, 1).orElseThrow();
    assertEquals(2466093, s.max());
    assertTrue(s.usedPercent() > 0 && s.usedPercent() < 0.1);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"'685 0'", "'685 0 0'", "'a 0 1'", "'-1 0 10'", "''"})
  void anythingElseIsRefused(String content) {
    assertTrue(FileNrReader.parse(content, 1).isEmpty());
  }

  @Test
  void theFixtureHostAndAGarbledFile(@TempDir Path tmp) {
    FilesSample s = new FileNrReader(Fixtures.host("net-reference"), new ProbeMetrics()).read(1).orElseThrow();
    assertEquals(685, s.allocated());
    Fixtures.write(tmp, "proc/sys/fs/file-nr", "x\n");
    ProbeMetrics metrics = new ProbeMetrics();
    assertTrue(new FileNrReader(new HostRoot(tmp), metrics).read(1).isEmpty());
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void thisHostsFileReadsWhole() {
    FilesSample s = new FileNrReader(HostRoot.live(), new ProbeMetrics()).read(1).orElseThrow();
    assertTrue(s.max() > 9, "JDK 17's Files.readString would give one digit of file-max: " + s);
  }
}
