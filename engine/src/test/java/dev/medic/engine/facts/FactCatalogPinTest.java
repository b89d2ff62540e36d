package dev.medic.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.probes.facts.FieldKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the whole catalog (every type in order, its record, key and occurrence flag; every field with its kind and
 * nullability) against {@code facts/catalog.txt}, captured before the catalog was derived from the records. A
 * missing expected file fails: it is never written by the test.
 */
class FactCatalogPinTest {

  static String describe() {
    StringBuilder out = new StringBuilder();
    for (FactType type : FactCatalog.all().values()) {
      out.append("type ").append(type.name()).append(" record=").append(type.simpleClassName())
          .append(" key=").append(type.keyField().orElse("-"))
          .append(" occurrence=").append(FactCatalog.isOccurrence(type.name())).append('\n');
      for (Map.Entry<String, FieldKind> f : new TreeMap<>(type.fields()).entrySet()) {
        out.append("  ").append(f.getKey()).append(' ').append(f.getValue())
            .append(type.nullable().contains(f.getKey()) ? " nullable" : " required").append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void catalogIsWhatItWas() throws IOException {
    if (Boolean.getBoolean("medic.golden.update")) { // an intended change of the catalog: rewrite, then review the diff
      java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/facts/catalog.txt"), describe());
    }
    try (InputStream in = FactCatalogPinTest.class.getResourceAsStream("/facts/catalog.txt")) {
      if (in == null) {
        throw new AssertionError("missing expected file engine/src/test/resources/facts/catalog.txt; the catalog "
            + "as it is now:\n" + describe());
      }
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), describe());
    }
  }
}
