package dev.medic.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.text.Redaction;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    if (fact instanceof ProcessSample p && p.cmdline() != null) {
      // recordings are replayed in CI and committed beside runbooks: a password passed as an argument stays out
      fields.put("cmdline", Redaction.secrets(p.cmdline()));
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("type", fact.type());
    line.put("ts", fact.timestamp());
    line.set("fields", fields);
    return line;
  }

  /**
   * {@code {"type":"cgroup","ts":123,"fields":{…}}} exactly as {@link RecordingWriter} writes it: such a line is
   * decoded straight from its bytes into the record by {@link RecordDecoder} (several times faster than through a
   * JSON tree). Any other line, and any line RecordDecoder declines, takes the general path.
   */
  private static final byte[] TYPE = ascii("{\"type\":\"");
  private static final byte[] TS = ascii("\",\"ts\":");
  private static final byte[] FIELDS = ascii(",\"fields\":{");
  private static final Map<String, Optional<RecordDecoder>> DECODERS = new ConcurrentHashMap<>();

  /** One line's bytes; empty for a fact type this version does not know. */
  static Optional<Fact> decodeLine(byte[] line, int length) throws IOException {
    Optional<Fact> fast = writerShape(line, length);
    if (fast != null) {
      return fast;
    }
    return decode(JSON.readTree(new java.io.ByteArrayInputStream(line, 0, length)));
  }

  /** The fact, if the line is in the writer's shape and decodes; null to let the general path decide. */
  private static Optional<Fact> writerShape(byte[] b, int length) {
    if (!startsWith(b, 0, length, TYPE) || length < 2 || b[length - 1] != '}' || b[length - 2] != '}') {
      return null;
    }
    int i = TYPE.length;
    int typeStart = i;
    while (i < length && i - typeStart <= 32 && ((b[i] >= 'a' && b[i] <= 'z') || b[i] == '_')) {
      i++;
    }
    String type = new String(b, typeStart, i - typeStart, StandardCharsets.US_ASCII);
    Optional<FactType> factType = FactCatalog.find(type);
    if (factType.isEmpty() || !startsWith(b, i, length, TS)) {
      return null;
    }
    i += TS.length;
    int tsStart = i;
    if (i < length && b[i] == '-') {
      i++;
    }
    while (i < length && b[i] >= '0' && b[i] <= '9' && i - tsStart <= 19) {
      i++;
    }
    int tsEnd = i;
    if (tsEnd == tsStart || !startsWith(b, i, length, FIELDS)) {
      return null;
    }
    int fields = i + FIELDS.length - 1; // the fields' opening brace; the line's last brace closes the fact
    RecordDecoder decoder = DECODERS.computeIfAbsent(type, t -> Optional.ofNullable(
        RecordDecoder.of(factType.get().recordClass()))).orElse(null);
    if (decoder != null && tsEnd - tsStart <= 18) {
      long ts = Long.parseLong(new String(b, tsStart, tsEnd - tsStart, StandardCharsets.US_ASCII));
      Fact fact = decoder.decode(JSON.getFactory(), b, fields, length - 1 - fields, ts);
      if (fact != null) {
        return Optional.of(fact);
      }
    }
    return null; // RecordDecoder leaves unusual lines (coercions, repeated keys) to the general path
  }

  private static boolean startsWith(byte[] b, int at, int length, byte[] prefix) {
    if (length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
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
