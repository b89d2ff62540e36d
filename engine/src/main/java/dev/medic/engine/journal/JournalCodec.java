package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.probes.text.Printable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes journal events as their JSON lines and reads them back: the one place that knows the journal's shape.
 * A line is {@code {"event":"<type>", <the record's fields in their declared order>}}; what is absent is
 * described per event in {@code docs/journal-format.md}. Reading ignores fields it does not know, so a newer
 * Medic's lines still read.
 */
public final class JournalCodec {

  /** The {@code format} of a {@link StartEvent}. */
  public static final String FORMAT = "medic-journal";

  /** The format version this codec writes and the newest it reads; bumped on an incompatible change only. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Every event type by its {@code event} word, from the sealed interface's permitted records. */
  private static final Map<String, Class<? extends JournalEvent>> TYPES = types();

  private JournalCodec() {}

  /** The outcome of decoding one line: an event, or why there is none. */
  public sealed interface Decoded permits Event, Unknown, Malformed {}

  /** A line that decoded to an event. */
  public record Event(JournalEvent event) implements Decoded {}

  /** A well-formed line whose {@code event} word this Medic does not know (a newer Medic wrote it). */
  public record Unknown(String type) implements Decoded {}

  /** A line that is not a journal event: not JSON, not an object, no {@code event}, or a field of a wrong type. */
  public record Malformed(String why) implements Decoded {}

  /**
   * The event's journal line, without the newline. Control characters are escaped inside strings (Jackson does
   * C0, {@link Printable#json} DEL and C1), so {@code tail -f journal.jsonl} never runs a process's escapes.
   */
  public static String line(JournalEvent event) {
    try {
      return Printable.json(JSON.writeValueAsString(tree(event)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a journal event: " + e.getOriginalMessage(), e);
    }
  }

  /** Decodes one line (without its newline). */
  public static Decoded decode(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new Malformed("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return new Malformed("not a JSON object");
    }
    JsonNode type = node.get("event");
    if (type == null || !type.isTextual()) {
      return new Malformed("no \"event\" name");
    }
    Class<? extends JournalEvent> cls = TYPES.get(type.asText());
    if (cls == null) {
      return new Unknown(type.asText());
    }
    try {
      return new Event(JSON.treeToValue(node, cls));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      return new Malformed("bad " + type.asText() + " event: " + why);
    }
  }

  /** The event as the JSON object of its line, in field order: for printing with another mapper, and tests. */
  public static Map<String, Object> toMap(JournalEvent event) {
    return JSON.convertValue(tree(event), new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  /** {@code event} first, then the record's fields in their declared order, absent ones left out. */
  private static ObjectNode tree(JournalEvent event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("event", event.type());
    line.setAll((ObjectNode) JSON.valueToTree(event));
    return line;
  }

  /** The {@code event} word of an event type, if it is one. */
  public static Optional<Class<? extends JournalEvent>> typeNamed(String type) {
    return Optional.ofNullable(TYPES.get(type));
  }

  static String typeOf(Class<?> cls) {
    JsonTypeName name = cls.getAnnotation(JsonTypeName.class);
    if (name == null) {
      throw new IllegalStateException(cls.getName() + " has no @JsonTypeName: every journal event names its type");
    }
    return name.value();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Class<? extends JournalEvent>> types() {
    Map<String, Class<? extends JournalEvent>> types = new LinkedHashMap<>();
    for (Class<?> cls : JournalEvent.class.getPermittedSubclasses()) {
      String name = typeOf(cls);
      if (types.put(name, (Class<? extends JournalEvent>) cls) != null) {
        throw new IllegalStateException("two journal events are called " + name);
      }
    }
    return Map.copyOf(types);
  }
}
