package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.internal.KernelFormatException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link PressureReader}. */
class PressureReaderTest {

  @Test
  void parsesSomeAndFull() throws KernelFormatException {
    PressureReader.Psi psi = PressureReader.parse(
        "some avg10=0.22 avg60=0.17 avg300=1.11 total=58761459\nfull avg10=0.01 avg60=0.02 avg300=0.03 total=42\n",
        new ProbeMetrics());
    assertEquals(new PressureReader.Line(0.22, 0.17, 1.11, 58761459L), psi.some());
    assertEquals(new PressureReader.Line(0.01, 0.02, 0.03, 42L), psi.full());
  }

  @Test
  void cpuBefore513HasNoFullLine() throws KernelFormatException {
    PressureReader.Psi psi =
        PressureReader.parse("some avg10=1.20 avg60=0.80 avg300=0.50 total=123\n", new ProbeMetrics());
    assertEquals(123L, psi.some().total());
    assertNull(psi.full());
  }

  /** A bad {@code full} line is skipped and counted; the sample keeps its {@code some} half. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "'full avg10=0.00 avg60=0.00 avg300=0.00'",
    "'full avg10=0.00 avg60=0.00 avg300=0.00 total=12x'",
    "'full avg10=abc avg60=0.00 avg300=0.00 total=1'",
    "'full avg60=0.00 avg10=0.00 avg300=0.00 total=1'",
    "'fulll avg10=0.00 avg60=0.00 avg300=0.00 total=1'",
  })
  void badFullLineIsSkipped(String fullLine) throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    PressureReader.Psi psi =
        PressureReader.parse("some avg10=0.50 avg60=0.40 avg300=0.30 total=9\n" + fullLine + "\n", metrics);
    assertEquals(0.50, psi.some().avg10());
    assertNull(psi.full());
    assertEquals(1, metrics.skippedRecords());
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource({
    "''",
    "'full avg10=0.00 avg60=0.00 avg300=0.00 total=0'",
    "'some avg10=0.22 avg60='",
    "'garbage'",
  })
  void withoutAValidSomeLineThereIsNoSample(String content) {
    assertThrows(KernelFormatException.class, () -> PressureReader.parse(content, new ProbeMetrics()));
  }

  @ParameterizedTest(name = "[{index}] total {0}->{2} over {1}->{3} ms = {4}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "0, 0, 500000, 1000, 50.0", // half a second stalled in one second
        "1000, 5000, 1000, 7000, 0.0",
        "0, 0, 2000000, 1000, 100.0", // more stall than wall time (rounding between reads): clamped
        "900, 0, 100, 1000, 0.0", // counter went backwards: clamped
        "0, 1000, 500, 1000, NULL", // no time passed
        "0, 2000, 500, 1000, NULL", // clock went backwards
        "58761459, 1700000000000, 58861459, 1700000002000, 5.0",
      })
  void stallPercent(long prevTotal, long prevMillis, long total, long millis, Double expected) {
    Double actual = PressureReader.stallPercent(prevTotal, prevMillis, total, millis);
    if (expected == null) {
      assertNull(actual);
    } else {
      assertEquals(expected, actual, 1e-9);
    }
  }

  @Test
  void readsTheV1HostFixture() {
    List<PressureSample> samples = new PressureReader(Fixtures.host("cgroup-v1-host"), new ProbeMetrics()).read(5L);
    assertEquals(List.of("memory", "cpu", "io"), samples.stream().map(PressureSample::resource).toList());
    assertEquals(new PressureSample(5L, "memory", 12.50, 8.25, 3.10, null, 4.00, 2.50, 1.00, null), samples.get(0));
    assertEquals(new PressureSample(5L, "cpu", 1.20, 0.80, 0.50, null, null, null, null, null), samples.get(1));
    assertEquals(0.10, samples.get(2).fullAvg10());
  }

  @Test
  void nowComesFromTotalDeltasBetweenReads(@TempDir Path dir) {
    HostRoot host = new HostRoot(dir);
    Fixtures.write(dir, "proc/pressure/memory", psi(1_000_000, 400_000));
    Fixtures.write(dir, "proc/pressure/cpu", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
    Fixtures.write(dir, "proc/pressure/io", psi(0, 0));
    PressureReader reader = new PressureReader(host, new ProbeMetrics());

    PressureSample first = reader.read(10_000L).get(0);
    assertNull(first.someNow());
    assertNull(first.fullNow());

    // 2 s later: 1.5 s more "some" stall (75%) and 0.5 s more "full" (25%)
    Fixtures.write(dir, "proc/pressure/memory", psi(2_500_000, 900_000));
    List<PressureSample> second = reader.read(12_000L);
    assertEquals(75.0, second.get(0).someNow(), 1e-9);
    assertEquals(25.0, second.get(0).fullNow(), 1e-9);
    assertEquals(0.0, second.get(1).someNow());
    assertNull(second.get(1).fullNow());
    assertEquals(0.0, second.get(2).fullNow());

    // the same timestamp again (a re-run sweep) has no rate rather than a division by zero
    assertNull(reader.read(12_000L).get(0).someNow());
  }

  @Test
  void kernelWithoutPsiGivesNothingAndIsCountedOnce() {
    ProbeMetrics metrics = new ProbeMetrics();
    PressureReader reader = new PressureReader(Fixtures.host("old-kernel"), metrics);
    assertEquals(List.of(), reader.read(1L));
    assertEquals(List.of(), reader.read(2L));
    assertEquals(1, metrics.missingSources());
  }

  @Test
  void oneUnreadableResourceDoesNotHideTheOthers(@TempDir Path dir) {
    Fixtures.write(dir, "proc/pressure/memory", psi(10, 5));
    Fixtures.write(dir, "proc/pressure/io", "some avg10=truncat");
    ProbeMetrics metrics = new ProbeMetrics();
    List<PressureSample> samples = new PressureReader(new HostRoot(dir), metrics).read(1L);
    assertEquals(List.of("memory"), samples.stream().map(PressureSample::resource).toList());
    assertEquals(1, metrics.missingSources()); // cpu
    assertEquals(2, metrics.skippedRecords()); // io's bad line, then io's record
  }

  private static String psi(long someTotal, long fullTotal) {
    return "some avg10=1.00 avg60=0.50 avg300=0.25 total=" + someTotal + "\n"
        + "full avg10=0.50 avg60=0.25 avg300=0.10 total=" + fullTotal + "\n";
  }
}
