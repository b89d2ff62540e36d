package dev.medic.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the journal's lines: {@code src/test/resources/journal/every-event.jsonl} holds one or more lines of every
 * event type (the examples of {@code docs/journal-format.md}); reading them and writing them again must give the
 * same bytes, so neither the field order nor what is left out when absent can drift unseen.
 */
class JournalCodecTest {

  static final Path EVERY_EVENT = Path.of("src/test/resources/journal/every-event.jsonl");

  @Test
  void everyEventReadsAndWritesBackToTheSameBytes() throws Exception {
    byte[] file = Files.readAllBytes(EVERY_EVENT);
    JournalReader.Contents read = JournalReader.readAll(EVERY_EVENT);
    assertEquals(List.of(), read.problems());
    StringBuilder again = new StringBuilder();
    read.events().forEach(e -> again.append(JournalCodec.line(e)).append('\n'));
    assertEquals(new String(file, StandardCharsets.UTF_8), again.toString());
  }

  @Test
  void theFormatPageShowsTheGoldenFile() throws Exception {
    String page = Files.readString(Path.of("../docs/journal-format.md"));
    String example = page.substring(page.indexOf("## Example"));
    example = example.substring(example.indexOf("```json\n") + 8, example.indexOf("```\n", 10));
    assertEquals(Files.readString(EVERY_EVENT), example, "docs/journal-format.md's example is every-event.jsonl");
  }

  @Test
  void theGoldenFileHasEveryEventType() throws Exception {
    Set<String> inFile = JournalReader.readAll(EVERY_EVENT).events().stream().map(JournalEvent::type)
        .collect(Collectors.toSet());
    Set<String> all = Arrays.stream(JournalEvent.class.getPermittedSubclasses()).map(JournalCodec::typeOf)
        .collect(Collectors.toSet());
    all.forEach(type -> assertTrue(JournalCodec.typeNamed(type).isPresent(), type));
    assertEquals(all, inFile, "add a line of every new event type to " + EVERY_EVENT);
  }

  @Test
  void absentFieldsAreLeftOutAndReadBackAsEmpty() {
    PlanEvent plan = new PlanEvent(1, "i", "rb", "rb#0", "info", List.of(), "host", 7, "x", "x", List.of("r"), "s",
        "", List.of("capture_top"));
    String line = JournalCodec.line(plan);
    assertEquals("{\"event\":\"plan\",\"ts\":1,\"incident\":\"i\",\"runbook\":\"rb\",\"rule\":\"rb#0\","
        + "\"severity\":\"info\",\"scope\":\"host\",\"pid\":7,\"comm\":\"x\",\"cmdline\":\"x\",\"reasons\":[\"r\"],"
        + "\"summary\":\"s\",\"actions\":[\"capture_top\"]}", line);
    assertEquals(plan, event(line));
    assertEquals("{\"event\":\"error\",\"at\":5,\"message\":\"m\"}", JournalCodec.line(ErrorEvent.of(5, "m")));
    StartEvent start = StartEvent.now(1, 2, "advise", false, 2000, 10000, List.of(), null);
    assertFalse(JournalCodec.line(start).contains("recording"), JournalCodec.line(start));
  }

  @Test
  void unknownFieldsAreIgnoredAndUnknownTypesNamed() {
    assertEquals(ErrorEvent.of(5, "m"), event("{\"event\":\"error\",\"at\":5,\"message\":\"m\",\"host\":\"web-1\"}"));
    assertEquals(new JournalCodec.Unknown("fleet_joined"),
        JournalCodec.decode("{\"event\":\"fleet_joined\",\"at\":5}"));
    assertInstanceOf(JournalCodec.Malformed.class, JournalCodec.decode("{\"event\":\"plan\",\"ts\":\"soon\"}"));
    assertInstanceOf(JournalCodec.Malformed.class, JournalCodec.decode("[1,2]"));
    assertInstanceOf(JournalCodec.Malformed.class, JournalCodec.decode("{\"ts\":1}"));
    assertInstanceOf(JournalCodec.Malformed.class, JournalCodec.decode("{\"event\":\"stop\",\"at\":1"));
  }

  @Test
  void toMapIsTheLineAsAnObject() {
    Map<String, Object> m = JournalCodec.toMap(ErrorEvent.of(5, "m"));
    assertEquals(List.of("event", "at", "message"), new ArrayList<>(m.keySet()));
    assertEquals("error", m.get("event"));
  }

  @Test
  void aTornTailIsReportedWithItsLineAndOffsetAndTheWholeLinesStillRead() throws Exception {
    byte[] whole = Files.readAllBytes(EVERY_EVENT);
    String cut = "{\"event\":\"decision\",\"ts\":1767225690000,\"incid";
    JournalReader.Contents read = read(concat(whole, cut.getBytes(StandardCharsets.UTF_8)));
    assertEquals(JournalReader.readAll(EVERY_EVENT).events(), read.events());
    JournalReader.Problem torn = read.tornTail().orElseThrow();
    long lines = new String(whole, StandardCharsets.UTF_8).lines().count();
    assertEquals(lines + 1, torn.line());
    assertEquals(whole.length, torn.offset(), "the torn line starts where the whole lines end");
    assertEquals(1, read.problems().size(), read.problems().toString());
    assertTrue(torn.toString().startsWith("test.jsonl:" + (lines + 1) + ": torn last line"), torn.toString());
  }

  @Test
  void aWholeLookingLastLineWithoutItsNewlineIsStillTorn() throws Exception {
    String line = JournalCodec.line(ErrorEvent.of(5, "m"));
    JournalReader.Contents read = read((line + "\n" + line).getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(ErrorEvent.of(5, "m")), read.events());
    assertEquals(2, read.tornTail().orElseThrow().line());
  }

  @Test
  void anUnparseableLastLineIsATornTailAndOneInTheMiddleIsSkipped() throws Exception {
    String good = JournalCodec.line(ErrorEvent.of(5, "m"));
    String text = good + "\n{\"event\":\"err\u0000\n" + good + "\n\n{\"event\":\"stop\",\"at\":\n";
    JournalReader.Contents read = read(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(ErrorEvent.of(5, "m"), ErrorEvent.of(5, "m")), read.events());
    assertEquals(List.of(JournalReader.Damage.MALFORMED, JournalReader.Damage.TORN_TAIL),
        read.problems().stream().map(JournalReader.Problem::damage).toList());
    assertEquals(List.of(2L, 5L), read.problems().stream().map(JournalReader.Problem::line).toList());
  }

  @Test
  void anUnknownEventIsReportedAndSkipped() throws Exception {
    String text = "{\"event\":\"fleet_hello\",\"at\":1}\n" + JournalCodec.line(ErrorEvent.of(5, "m")) + "\n";
    try (JournalReader reader = JournalReader.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "j")) {
      assertEquals(ErrorEvent.of(5, "m"), reader.next().orElseThrow());
      assertEquals(2, reader.line());
      assertTrue(reader.next().isEmpty());
      assertEquals(List.of(new JournalReader.Problem("j", 1, 0, JournalReader.Damage.UNKNOWN_EVENT,
          "unknown event 'fleet_hello' skipped")), reader.problems());
    }
  }

  @Test
  void linesAfterANewerVersionsStartAreSkippedUpToTheNextReadableStart() throws Exception {
    String newer = "{\"event\":\"start\",\"format\":\"medic-journal\",\"version\":2,\"at\":1}";
    String old = "{\"event\":\"start\",\"at\":3,\"pid\":9,\"mode\":\"advise\",\"approved\":false,\"intervalMs\":2000,"
        + "\"processIntervalMs\":10000,\"runbooks\":[]}"; // written before the format had a marker
    String error = JournalCodec.line(ErrorEvent.of(5, "m"));
    JournalReader.Contents read = read(String.join("\n", newer, error, old, error, "").getBytes(StandardCharsets.UTF_8));
    assertEquals(2, read.events().size(), read.events().toString());
    StartEvent start = assertInstanceOf(StartEvent.class, read.events().get(0));
    assertEquals(9, start.pid());
    assertEquals(List.of(JournalReader.Damage.UNSUPPORTED_VERSION),
        read.problems().stream().map(JournalReader.Problem::damage).toList());
  }

  private static JournalEvent event(String line) {
    return assertInstanceOf(JournalCodec.Event.class, JournalCodec.decode(line)).event();
  }

  private static JournalReader.Contents read(byte[] bytes) throws Exception {
    try (JournalReader reader = JournalReader.of(new ByteArrayInputStream(bytes), "test.jsonl")) {
      return reader.rest();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
