package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming decoder gives exactly what data binding gives, and leaves every unusual line to data binding. */
class RecordDecoderTest {

  @Test
  void everyLineOfEveryShippedRecordingDecodesAsDataBindingDecodesIt() throws Exception {
    int lines = 0;
    try (Stream<Path> files = Files.list(PackRecordingsTest.SHIPPED)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        List<String> all = Files.readAllLines(file);
        for (String line : all.subList(1, all.size())) {
          ObjectNode tree = (ObjectNode) FactCodec.JSON.readTree(line);
          Fact expected = FactCodec.decode(tree).orElseThrow();
          byte[] fields = tree.get("fields").toString().getBytes(StandardCharsets.UTF_8);
          Fact fast = RecordDecoder.of(expected.getClass())
              .decode(FactCodec.JSON.getFactory(), fields, 0, fields.length, tree.get("ts").asLong());
          assertEquals(expected, fast, file.getFileName() + ": " + line);
          lines++;
        }
      }
    }
    assertTrue(lines > 4000, "lines: " + lines);
  }

  @Test
  void everyFactTypeHasAStreamingDecoder() {
    FactCatalog.all().values().forEach(t -> assertNotNull(RecordDecoder.of(t.recordClass()), t.name()));
  }

  /** Lines data binding coerces or refuses: the streaming decoder declines them rather than guess. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"pid\":\"12\"}",                  // a number as text
      "{\"pid\":12.5}",                    // a fraction for a whole number
      "{\"pid\":12,\"pid\":13}",           // a repeated key
      "{\"pid\":null}",                    // null for a primitive
      "{\"rss\":99999999999999999999}",    // beyond a long
      "{\"comm\":[\"a\"]}",                // a nested value where text belongs
      "{\"timestamp\":5}",                 // the timestamp inside the fields
      "[1]"})
  void unusualFieldsAreLeftToDataBinding(String fields) {
    byte[] b = fields.getBytes(StandardCharsets.UTF_8);
    assertNull(RecordDecoder.of(ProcessSample.class).decode(FactCodec.JSON.getFactory(), b, 0, b.length, 1));
  }

  @Test
  void unknownFieldsAreSkippedAndMissingOnesTakeTheirDefaults() {
    byte[] b = "{\"pid\":7,\"fromNewerMedic\":{\"x\":[1,{\"y\":2}]},\"comm\":\"a\\\"b\"}".getBytes(StandardCharsets.UTF_8);
    ProcessSample p = (ProcessSample) RecordDecoder.of(ProcessSample.class)
        .decode(FactCodec.JSON.getFactory(), b, 0, b.length, 42);
    assertEquals(42, p.timestamp());
    assertEquals(7, p.pid());
    assertEquals("a\"b", p.comm());
    assertEquals(0, p.rss());
    assertNull(p.pss());
  }
}
