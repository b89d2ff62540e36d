package dev.medic.engine.runbook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys window kinds declare for the schema of a match ({@code WindowSyntax.schema}). The schema lists them
 * grouped by what they hold (durations, then whole numbers, then text), each group in registry order; a key two
 * kinds declare ({@code within}) is listed once.
 */
public final class SchemaKeys {

  private final Map<String, ObjectNode> durations = new LinkedHashMap<>();
  private final Map<String, ObjectNode> counts = new LinkedHashMap<>();
  private final Map<String, ObjectNode> texts = new LinkedHashMap<>();

  SchemaKeys() {}

  /** A key that holds a duration ({@code 10m}). */
  public void duration(String key) {
    durations.putIfAbsent(key, node().put("$ref", "#/$defs/duration"));
  }

  /** A key that holds a whole number of at least 1. */
  public void count(String key) {
    counts.putIfAbsent(key, node().put("type", "integer").put("minimum", 1));
  }

  /** A key that holds text of a form {@code description} says. */
  public void text(String key, String description) {
    texts.putIfAbsent(key, node().put("type", "string").put("description", description));
  }

  void addTo(ObjectNode properties) {
    for (Map<String, ObjectNode> group : List.of(durations, counts, texts)) {
      group.forEach(properties::set);
    }
  }

  /** A string that must be one of {@code values}. */
  public static void enumOf(ObjectNode node, List<String> values) {
    ArrayNode e = node.put("type", "string").putArray("enum");
    values.forEach(e::add);
  }

  private static ObjectNode node() {
    return JsonNodeFactory.instance.objectNode();
  }
}
