package dev.medic.checks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Jackson tree read from YAML that remembers where each node started, so that a config problem can be reported
 * as {@code file:line:column: message}. Jackson's own {@code readTree} drops the positions; this builds the same
 * tree from the parser's tokens and keeps each node's location (by identity, since equal nodes may sit in
 * different places).
 */
public final class LocatedTree {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<JsonNode, JsonLocation> locations;

  private LocatedTree(JsonNode root, Map<JsonNode, JsonLocation> locations) {
    this.root = root;
    this.locations = locations;
  }

  /** A tree without positions (problems then name the path in the file instead). */
  public static LocatedTree of(JsonNode root) {
    return new LocatedTree(root, Map.of());
  }

  /** Parses YAML text; a syntax error is a {@link JsonProcessingException} with its location. */
  public static LocatedTree readYaml(String text) throws IOException {
    Map<JsonNode, JsonLocation> at = new IdentityHashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonNode root = p.nextToken() == null ? NODES.missingNode() : node(p, at);
      return new LocatedTree(root, at);
    }
  }

  public JsonNode root() {
    return root;
  }

  /** {@code line:column} of the node, when known. */
  Optional<String> position(JsonNode node) {
    JsonLocation l = locations.get(node);
    return l == null ? Optional.empty() : Optional.of(l.getLineNr() + ":" + l.getColumnNr());
  }

  private static JsonNode node(JsonParser p, Map<JsonNode, JsonLocation> at) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    JsonToken t = p.currentToken();
    JsonNode n;
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = NODES.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation keyAt = p.currentTokenLocation();
        p.nextToken();
        JsonNode value = node(p, at);
        if (o.has(key)) {
          throw new JsonProcessingException("'" + key + "' is given twice", keyAt) {};
        }
        o.set(key, value);
      }
      n = o;
    } else if (t == JsonToken.START_ARRAY) {
      ArrayNode a = NODES.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        a.add(node(p, at));
      }
      n = a;
    } else if (t == JsonToken.VALUE_NUMBER_INT) {
      n = new LongNode(p.getLongValue()); // not numberNode: it shares small ints
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      n = new DoubleNode(p.getDoubleValue());
    } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      n = NODES.booleanNode(t == JsonToken.VALUE_TRUE);
    } else if (t == JsonToken.VALUE_NULL) {
      n = NODES.nullNode();
    } else {
      n = new TextNode(p.getText()); // not textNode: it shares the empty string
    }
    if (!n.isNull() && !n.isBoolean()) { // null and booleans are shared singletons: no identity to key by
      at.put(n, start);
    }
    return n;
  }
}
