package dev.medic.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.medic.probes.facts.Fact;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the {@code fields} object of a fact line straight into its record with Jackson's streaming parser: a
 * replay decodes hundreds of thousands of lines, and data binding cost about three times as much per line. It
 * handles exactly what {@link RecordingWriter} writes (scalar values of the component's own type, each key at most
 * once) and returns null for anything else (a string where a number belongs, a fraction for a whole number, a
 * repeated key, a nested value), so that data binding, with its coercions and errors, decides those lines.
 */
final class RecordDecoder {

  private enum Kind { INT, LONG, DOUBLE, BOOLEAN, BOXED_INT, BOXED_LONG, BOXED_DOUBLE, BOXED_BOOLEAN, STRING }

  private final Constructor<? extends Fact> constructor;
  private final Map<String, Integer> index = new HashMap<>();
  private final Kind[] kinds;
  private final int timestamp;

  private RecordDecoder(Class<? extends Fact> type) throws NoSuchMethodException {
    RecordComponent[] parts = type.getRecordComponents();
    Class<?>[] classes = new Class<?>[parts.length];
    kinds = new Kind[parts.length];
    int ts = -1;
    for (int i = 0; i < parts.length; i++) {
      classes[i] = parts[i].getType();
      kinds[i] = kind(classes[i]);
      index.put(parts[i].getName(), i);
      if (parts[i].getName().equals("timestamp")) {
        ts = i;
      }
    }
    constructor = type.getDeclaredConstructor(classes);
    timestamp = ts;
  }

  /** A decoder for this record type, or null when a component is not a scalar (data binding handles those). */
  static RecordDecoder of(Class<? extends Fact> type) {
    try {
      RecordDecoder d = new RecordDecoder(type);
      for (Kind k : d.kinds) {
        if (k == null) {
          return null;
        }
      }
      return d.timestamp < 0 ? null : d;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** The record from the fields object at {@code b[from, from + length)}; null when data binding must decide. */
  Fact decode(JsonFactory json, byte[] b, int from, int length, long ts) {
    Object[] args = new Object[kinds.length];
    boolean[] seen = new boolean[kinds.length];
    try (JsonParser p = json.createParser(b, from, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        Integer i = index.get(p.currentName());
        JsonToken v = p.nextToken();
        if (i == null) {
          p.skipChildren(); // a field from a newer Medic
          continue;
        }
        if (seen[i] || i == timestamp) {
          return null; // a repeated key, or a "timestamp" inside the fields: let data binding report it
        }
        seen[i] = true;
        Object value = value(kinds[i], v, p);
        if (value == FAIL) {
          return null;
        }
        args[i] = value;
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    args[timestamp] = ts;
    for (int i = 0; i < kinds.length; i++) {
      if (args[i] == null) {
        args[i] = absent(kinds[i]);
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static final Object FAIL = new Object();

  private static Object value(Kind kind, JsonToken v, JsonParser p) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE || kind == Kind.BOOLEAN ? FAIL : null;
    }
    return switch (kind) {
      case INT, BOXED_INT -> v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
          ? p.getIntValue() : FAIL;
      case LONG, BOXED_LONG -> v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          ? p.getLongValue() : FAIL;
      case DOUBLE, BOXED_DOUBLE -> v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT
          ? p.getDoubleValue() : FAIL;
      case BOOLEAN, BOXED_BOOLEAN -> v == JsonToken.VALUE_TRUE ? Boolean.TRUE
          : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : FAIL;
      case STRING -> v == JsonToken.VALUE_STRING ? p.getText() : FAIL;
    };
  }

  /** What data binding gives a component missing from the line: zero for primitives, null otherwise. */
  private static Object absent(Kind kind) {
    return switch (kind) {
      case INT -> 0;
      case LONG -> 0L;
      case DOUBLE -> 0.0;
      case BOOLEAN -> false;
      default -> null;
    };
  }

  private static Kind kind(Class<?> c) {
    if (c == int.class) {
      return Kind.INT;
    }
    if (c == long.class) {
      return Kind.LONG;
    }
    if (c == double.class) {
      return Kind.DOUBLE;
    }
    if (c == boolean.class) {
      return Kind.BOOLEAN;
    }
    if (c == Integer.class) {
      return Kind.BOXED_INT;
    }
    if (c == Long.class) {
      return Kind.BOXED_LONG;
    }
    if (c == Double.class) {
      return Kind.BOXED_DOUBLE;
    }
    if (c == Boolean.class) {
      return Kind.BOXED_BOOLEAN;
    }
    return c == String.class ? Kind.STRING : null;
  }
}
