package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording written by {@link RecordingWriter} reads back as the same facts; damaged files fail clearly. */
class RecordingRoundTripTest {

  static final long T1 = 1_732_488_000_000L;
  static final long T2 = T1 + 2000;
  static final String HOSTILE_COMM = "a) (b \n \"quotes\"";

  @TempDir
  Path dir;

  static List<Fact> sweepAt(long ts) {
    return List.of(
        new MemorySample(ts, 8_242_954_240L, 1_648_386_048L, 20.0, 80.0, 2_147_479_552L, 1_610_604_544L, 25.0,
            5_983_449_088L, 268_435_456L, null),
        new PressureSample(ts, "memory", 12.5, 8.25, 3.1, null, 4.0, 2.5, 1.0, null),
        new PressureSample(ts, "cpu", 1.2, 0.8, 0.5, 7.5, null, null, null, null),
        new CgroupSample(ts, "/docker/deadbeef", 1, 268_029_952L, 268_435_456L, 99.84, 7L, true),
        new CgroupSample(ts, "/", 2, 6_442_450_944L, null, null, null, null),
        new ProcessSample(ts, 4242, 1, HOSTILE_COMM, "./evil --name \"x\"\ty", 1000, "R", 314_572_800L, 2_097_152L,
            "/user.slice", 812, 500, null, null, false),
        new ProcessSample(ts, 5000, 1, "java", "/usr/bin/java -jar app.jar", 1001, "S", 209_715_200L, 0L,
            "/process_api/abc", 700, 0, 195_035_136L, 186_646_528L, false));
  }

  private Path record(List<List<Fact>> sweeps) throws Exception {
    return Scenario.write(dir.resolve("rec.jsonl"), sweeps);
  }

  private static List<RecordingReader.Sweep> readAll(RecordingReader reader) throws RecordingException {
    List<RecordingReader.Sweep> out = new ArrayList<>();
    Optional<RecordingReader.Sweep> s;
    while ((s = reader.next()).isPresent()) {
      out.add(s.get());
    }
    return out;
  }

  @Test
  void everyFactTypeReadsBackEqualAndGroupedBySweep() throws Exception {
    Path file = record(List.of(sweepAt(T1), sweepAt(T2)));
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals(Scenario.HEADER, reader.header());
      List<RecordingReader.Sweep> sweeps = readAll(reader);
      assertEquals(List.of(T1, T2), sweeps.stream().map(RecordingReader.Sweep::timestamp).toList());
      assertEquals(sweepAt(T1), sweeps.get(0).facts());
      assertEquals(sweepAt(T2), sweeps.get(1).facts());
      assertEquals(HOSTILE_COMM, ((ProcessSample) sweeps.get(0).facts().get(5)).comm());
      assertEquals(0, reader.skippedUnknown());
      assertEquals(Optional.empty(), reader.next(), "stays at the end");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(1 + 2 * sweepAt(T1).size(), lines.size(), "the newline in comm is escaped: one fact, one line");
  }

  @Test
  void theRecordingIsReadableOnlyByItsOwner() throws Exception {
    Path file = record(List.of(sweepAt(T1)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void rewritingAnExistingFileReplacesItAndTightensItsMode() throws Exception {
    Path file = dir.resolve("rec.jsonl");
    Files.writeString(file, "old content that is much longer than nothing\n".repeat(100));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    record(List.of(sweepAt(T1)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals(List.of(sweepAt(T1)), readAll(reader).stream().map(RecordingReader.Sweep::facts).toList());
    }
  }

  @Test
  void aRecordingCutMidLineNamesTheFileAndLine() throws Exception {
    Path file = record(List.of(sweepAt(T1), sweepAt(T2)));
    String text = Files.readString(file);
    // drop the final newline and the last 20 characters: the last fact line (line 15) is cut short
    Files.writeString(file, text.substring(0, text.length() - 21));
    int lastLine = 1 + 2 * sweepAt(T1).size();
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals(sweepAt(T1), reader.next().orElseThrow().facts());
      RecordingException e = assertThrows(RecordingException.class, () -> readAll(reader));
      assertTrue(e.getMessage().startsWith(file + ":" + lastLine + ": "), e.getMessage());
      assertFalse(e.getMessage().contains("com.fasterxml"), "no Jackson class names: " + e.getMessage());
      assertFalse(e.getMessage().contains("[Source:"), "no Jackson source location: " + e.getMessage());
    }
  }

  @Test
  void factTypesFromANewerMedicAreSkippedAndCounted() throws Exception {
    Path file = record(List.of(sweepAt(T1)));
    Files.writeString(file, "{\"type\":\"socket\",\"ts\":1,\"fields\":{}}\n"
        + "{\"type\":\"socket\",\"ts\":" + T1 + ",\"fields\":{\"port\":22}}\n",
        java.nio.file.StandardOpenOption.APPEND);
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals(List.of(sweepAt(T1)), readAll(reader).stream().map(RecordingReader.Sweep::facts).toList());
      assertEquals(2, reader.skippedUnknown());
    }
  }

  /**
   * A recording edited on another system (CRLF line ends, blank lines, spaces, keys reordered, no final newline)
   * still reads as the same facts: such lines miss the decoder's fast path and take the general one.
   */
  @Test
  void editedLinesReadTheSameAsWrittenOnes() throws Exception {
    Path file = record(List.of(sweepAt(T1), sweepAt(T2)));
    List<String> lines = Files.readAllLines(file);
    StringBuilder edited = new StringBuilder(lines.get(0)).append("\r\n\n   \n");
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i % 3 == 0) { // fields first, then ts, then type, with spaces
        int fields = line.indexOf(",\"fields\":");
        String head = line.substring(1, fields);
        line = "{ " + line.substring(fields + 1, line.length() - 1) + " , " + head.replace(",", " , ") + " }";
      }
      edited.append(line).append(i % 2 == 0 ? "\r\n" : "\n");
    }
    Files.writeString(file, edited.toString().stripTrailing());
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals(List.of(sweepAt(T1), sweepAt(T2)),
          readAll(reader).stream().map(RecordingReader.Sweep::facts).toList());
    }
  }

  /** Recordings get committed beside runbooks: secrets passed as arguments are redacted as in the journal. */
  @Test
  void secretsOnCommandLinesAreNotRecorded() throws Exception {
    ProcessSample p = new ProcessSample(T1, 77, 1, "psql", "psql postgres://app:hunter2@db/x --password=s3cret -v",
        0, "S", 1, 0L, "/", 0, 0, null, null, false);
    Path file = record(List.of(List.of(p)));
    String text = Files.readString(file);
    assertFalse(text.contains("hunter2") || text.contains("s3cret"), text);
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals("psql postgres://<redacted>@db/x --password=<redacted> -v",
          ((ProcessSample) reader.next().orElseThrow().facts().get(0)).cmdline());
    }
  }

  @Test
  void unknownFieldsOfAKnownFactAreIgnored() throws Exception {
    Path file = record(List.of());
    Files.writeString(file, "{\"type\":\"cgroup\",\"ts\":7,\"fields\":{\"path\":\"/a\",\"version\":2,\"usage\":5,"
        + "\"limit\":10,\"usagePercent\":50.0,\"oomKills\":0,\"underOom\":null,\"addedInVersion9\":123,"
        + "\"nested\":{\"x\":[1,2]}}}\n", java.nio.file.StandardOpenOption.APPEND);
    try (RecordingReader reader = RecordingReader.open(file)) {
      assertEquals(List.of(new CgroupSample(7, "/a", 2, 5, 10L, 50.0, 0L, null)), reader.next().orElseThrow().facts());
    }
  }

  @Test
  void aFactLineWithoutItsRequiredKeysNamesTheLine() throws Exception {
    Path file = record(List.of());
    Files.writeString(file, "\n{\"type\":\"memory\",\"fields\":{}}\n", java.nio.file.StandardOpenOption.APPEND);
    try (RecordingReader reader = RecordingReader.open(file)) {
      RecordingException e = assertThrows(RecordingException.class, reader::next);
      assertEquals(file + ":3: a fact line needs \"type\" (text), \"ts\" (number) and \"fields\" (object)",
          e.getMessage());
    }
  }

  @Test
  void aNewerFormatVersionIsRefused() throws Exception {
    Path file = dir.resolve("new.jsonl");
    Files.writeString(file, "{\"format\":\"medic-recording\",\"version\":99,\"host\":\"h\",\"kernel\":\"k\","
        + "\"startedAt\":1,\"intervalMs\":1000,\"medicPid\":1}\n");
    RecordingException e = assertThrows(RecordingException.class, () -> RecordingReader.open(file));
    assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
    assertTrue(e.getMessage().contains("version 99 is newer"), e.getMessage());
  }

  @Test
  void aFileThatIsNotARecordingIsRefused() throws Exception {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"format\":\"x\"}\n{\"type\":\"memory\",\"ts\":1,\"fields\":{}}\n");
    RecordingException e = assertThrows(RecordingException.class, () -> RecordingReader.open(file));
    assertEquals(file + ":1: not a Medic recording (format is 'x')", e.getMessage());
  }

  @Test
  void aHeaderThatIsNotJsonIsABadHeader() throws Exception {
    Path file = dir.resolve("text.txt");
    Files.writeString(file, "hello, world\n");
    RecordingException e = assertThrows(RecordingException.class, () -> RecordingReader.open(file));
    assertTrue(Pattern.compile(Pattern.quote(file + ":1: bad header: ") + ".+").matcher(e.getMessage()).matches(),
        e.getMessage());
  }

  @Test
  void anEmptyFileIsRefused() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.jsonl"));
    RecordingException e = assertThrows(RecordingException.class, () -> RecordingReader.open(file));
    assertEquals(file + ":1: empty file; a recording starts with a header line", e.getMessage());
  }

  @Test
  void aMissingFileCannotBeRead() {
    Path file = dir.resolve("missing.jsonl");
    RecordingException e = assertThrows(RecordingException.class, () -> RecordingReader.open(file));
    assertTrue(e.getMessage().startsWith(file + ": cannot read: "), e.getMessage());
  }

  @Test
  void aNullHeaderIsABadHeader() throws Exception {
    Path file = dir.resolve("null.jsonl");
    Files.writeString(file, "null\n");
    RecordingException e = assertThrows(RecordingException.class, () -> RecordingReader.open(file));
    assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
  }

  @Test
  void twoFactsOnOneLineAreAnErrorNotASilentLoss() throws Exception {
    Path file = record(List.of());
    Files.writeString(file, "{\"type\":\"cgroup\",\"ts\":7,\"fields\":{\"path\":\"/a\"}}"
        + "{\"type\":\"cgroup\",\"ts\":9,\"fields\":{\"path\":\"/b\"}}\n", java.nio.file.StandardOpenOption.APPEND);
    try (RecordingReader reader = RecordingReader.open(file)) {
      RecordingException e = assertThrows(RecordingException.class, () -> readAll(reader));
      assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    }
  }
}
