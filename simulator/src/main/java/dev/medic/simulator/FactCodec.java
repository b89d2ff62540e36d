package dev.medic.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.actions.EnvironmentRedactor;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
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
      fields.put("cmdline", EnvironmentRedactor.redactCommandLine(p.cmdline()));
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("type", fact.type());
    line.put("ts", fact.timestamp());
    line.set("fields", fields);
    return line;
  }

  /**
   * {@code {"type":"cgroup","ts":123,"fields":{…}}} exactly as {@link RecordingWriter} writes it: such a line is
   * decoded straight from its bytes into the record, by {@link RecordDecoder} or else by data binding with the
   * timestamp spliced into the fields (several times faster than through a JSON tree). Any other shape of valid
   * JSON takes the general path.
   */
  private static final byte[] TYPE = ascii("{\"type\":\"");
  private static final byte[] TS = ascii("\",\"ts\":");
  private static final byte[] FIELDS = ascii(",\"fields\":{");
  private static final byte[] TIMESTAMP = ascii("{\"timestamp\":");
  private static final Map<String, ObjectReader> READERS = new ConcurrentHashMap<>();
  private static final Map<String, Optional<RecordDecoder>> DECODERS = new ConcurrentHashMap<>();
  /** The spliced fields object; decoding happens on one thread per reader, but readers may run in parallel. */
  private static final ThreadLocal<byte[][]> SPLICE = ThreadLocal.withInitial(() -> new byte[][] {new byte[4096]});

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
    int rest = i + FIELDS.length; // just after the fields' opening brace
    int restLength = length - 1 - rest; // up to and with the fields' closing brace
    RecordDecoder decoder = DECODERS.computeIfAbsent(type, t -> Optional.ofNullable(
        RecordDecoder.of(factType.get().recordClass()))).orElse(null);
    if (decoder != null && tsEnd - tsStart <= 18) {
      long ts = Long.parseLong(new String(b, tsStart, tsEnd - tsStart, StandardCharsets.US_ASCII));
      Fact fact = decoder.decode(JSON.getFactory(), b, rest - 1, restLength + 1, ts);
      if (fact != null) {
        return Optional.of(fact);
      }
    }
    boolean empty = restLength >= 1 && b[rest] == '}';
    int n = TIMESTAMP.length + (tsEnd - tsStart) + (empty ? 0 : 1) + restLength;
    byte[][] holder = SPLICE.get();
    if (holder[0].length < n) {
      holder[0] = new byte[Math.max(n, holder[0].length * 2)];
    }
    byte[] out = holder[0];
    System.arraycopy(TIMESTAMP, 0, out, 0, TIMESTAMP.length);
    int o = TIMESTAMP.length;
    System.arraycopy(b, tsStart, out, o, tsEnd - tsStart);
    o += tsEnd - tsStart;
    if (!empty) {
      out[o++] = ',';
    }
    System.arraycopy(b, rest, out, o, restLength);
    try {
      Class<? extends Fact> recordClass = factType.get().recordClass();
      return Optional.of(READERS.computeIfAbsent(type, t -> JSON.readerFor(recordClass)
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)).readValue(out, 0, n));
    } catch (IOException e) {
      return null; // not quite our shape after all (keys after "fields", a "timestamp" field): the general path decides
    }
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
