package dev.medic.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.Fact;
import java.io.IOException;
import java.util.Optional;

/**
 * One fact as one JSON object: {@code {"type":"cgroup","ts":1732488000000,"fields":{...}}}. Field names are the
 * record components, which are also the names runbooks use.
 */
final class FactCodec {

  static final ObjectMapper JSON = new ObjectMapper()
      // a newer Medic may add fields to a fact: an older reader ignores them rather than refusing the file
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // two facts run together on one line (a lost newline) must be an error, not a silently lost fact
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private FactCodec() {}

  static ObjectNode encode(Fact fact) {
    ObjectNode fields = JSON.valueToTree(fact);
    fields.remove("timestamp");
    ObjectNode line = JSON.createObjectNode();
    line.put("type", fact.type());
    line.put("ts", fact.timestamp());
    line.set("fields", fields);
    return line;
  }

  /** The fact, or empty for a type this version does not know (from a newer Medic). */
  static Optional<Fact> decode(JsonNode line) throws IOException {
    JsonNode type = line.get("type");
    JsonNode ts = line.get("ts");
    JsonNode fields = line.get("fields");
    if (type == null || !type.isTextual() || ts == null || !ts.canConvertToLong() || fields == null
        || !fields.isObject()) {
      throw new IOException("a fact line needs \"type\" (text), \"ts\" (number) and \"fields\" (object)");
    }
    Optional<FactType> factType = FactCatalog.find(type.asText());
    if (factType.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode withTime = ((ObjectNode) fields).deepCopy();
    withTime.put("timestamp", ts.asLong());
    return Optional.of(JSON.treeToValue(withTime, factType.get().recordClass()));
  }
}
