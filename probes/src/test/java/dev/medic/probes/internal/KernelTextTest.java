package dev.medic.probes.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.ProbeMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link KernelText}, {@link ColonLines} and {@link ReadBuffer}: the in-place parsers give what the String
 * helpers they replace on the per-process path ({@link Long#parseLong}, {@link KernelFiles#kbToBytes},
 * {@link KernelFiles#colonFields}) give, on odd input and on every status and smaps_rollup of the fixture hosts.
 */
class KernelTextTest {

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"0", "42", "-42", "+42", "007", "", "-", "+", "4 2", " 42", "42 ", "4x", "x",
      "9223372036854775807", "9223372036854775808", "-9223372036854775807", "99999999999999999999", "1.5", "0x10",
      "--1", "\u0663"}) // the last is an Arabic-Indic 3: Long.parseLong takes it; kernel text never holds one
  void parseLongAgreesWithLongParseLong(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    Long expected = text.equals("\u0663") ? null : KernelFiles.parseLongOrNull(text);
    assertEquals(expected, KernelText.boxed(KernelText.parseLong(b, 0, b.length)));
  }

  @Test
  void parseLongOnARangeAndTrimmed() {
    byte[] b = "xx 123 yy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(123, KernelText.parseLong(b, 3, 6));
    assertEquals(123, KernelText.parseTrimmedLong(b, 2, 7));
    assertEquals(KernelText.NOT_A_NUMBER, KernelText.parseLong(b, 2, 7)); // untrimmed spaces are not digits
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"10348 kB", "0 kB", "  42 kB", "42kB", "42", "4x kB", "-1 kB", "", "kB", "9007199254740993 kB",
      "42 KB", "42 kb"})
  void kbToBytesAgreesWithKernelFiles(String value) {
    String trimmed = value.trim(); // ColonLines hands over trimmed values
    byte[] b = trimmed.getBytes(StandardCharsets.UTF_8);
    assertEquals(KernelFiles.kbToBytes(trimmed), KernelText.boxed(KernelText.kbToBytes(b, 0, b.length)));
  }

  @Test
  void blankIsAsciiWhitespaceOnly() {
    assertTrue(KernelText.isBlank(bytes(" \t\r\u000b\f\u001c"), 0, 6));
    assertFalse(KernelText.isBlank(bytes("\0"), 0, 1)); // String.isBlank agrees: NUL is not whitespace
    assertFalse(KernelText.isBlank(bytes(" x "), 0, 3));
  }

  @Test
  void colonLinesPicksTheWantedKeysLastOneWinning() {
    byte[] b = bytes("Name:\tjava\nVmRSS:\t  100 kB\ngarbage\n\n  :x\nVmRSS:\t200 kB\r\nThreads 9\nKey :  v  \n");
    ColonLines lines = new ColonLines(ColonLines.keys("VmRSS", "Threads", "Key", "Missing"));
    // as colonFields: '  :x' has an empty key (not counted); garbage and 'Threads 9' have no colon (counted)
    assertEquals(2, lines.scan(b, b.length));
    assertEquals(200 * 1024, lines.kbToBytes(0));
    assertFalse(lines.found(1));
    assertEquals("v", lines.text(2));
    assertFalse(lines.found(3));
    assertEquals(KernelText.NOT_A_NUMBER, lines.parseLong(3));
  }

  /** Every line of every fixture status and smaps_rollup: ColonLines finds what colonFields maps, and counts alike. */
  @Test
  void colonLinesAgreesWithColonFieldsOnEveryFixture() throws IOException {
    Path fixtures = Fixtures.host("cgroup-v1-host").root().getParent();
    List<Path> files;
    try (Stream<Path> tree = Files.walk(fixtures)) {
      files = tree.filter(p -> List.of("status", "smaps_rollup", "meminfo").contains(p.getFileName().toString()))
          .toList();
    }
    assertTrue(files.size() > 10, "fixture files: " + files);
    for (Path file : files) {
      String content = KernelFiles.read(file);
      ProbeMetrics metrics = new ProbeMetrics();
      Map<String, String> expected = KernelFiles.colonFields(content, metrics);
      String[] keys = expected.keySet().toArray(String[]::new);
      ColonLines lines = new ColonLines(ColonLines.keys(keys));
      byte[] b = Files.readAllBytes(file);
      assertEquals(metrics.skippedRecords(), lines.scan(b, b.length), file.toString());
      for (int k = 0; k < keys.length; k++) {
        assertEquals(expected.get(keys[k]), lines.text(k), file + " " + keys[k]);
      }
    }
  }

  @Test
  void readBufferReadsWholeFilesLargerThanItselfAndCaps(@TempDir Path dir) throws IOException {
    ReadBuffer buffer = new ReadBuffer();
    Path small = Fixtures.write(dir, "small", "abc");
    byte[] big = new byte[100_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('a' + i % 26);
    }
    Path large = dir.resolve("large");
    Files.write(large, big);
    assertEquals(3, buffer.read(small));
    assertEquals("abc", buffer.text());
    assertEquals(big.length, buffer.read(large));
    assertArrayEquals(big, java.util.Arrays.copyOf(buffer.bytes(), buffer.length()));
    assertEquals(4096, buffer.read(large, 4096));
    assertEquals(3, buffer.read(small)); // the grown buffer is reused
    assertEquals("abc", buffer.text());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
