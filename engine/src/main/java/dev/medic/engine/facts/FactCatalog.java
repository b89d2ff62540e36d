package dev.medic.engine.facts;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.FieldKind;
import dev.medic.probes.facts.Key;
import dev.medic.probes.facts.Kind;
import dev.medic.probes.facts.Nullable;
import dev.medic.probes.facts.Occurrence;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fact types and fields runbooks may name: the one list the validator, the DRL compiler and the docs agree on.
 * It is derived from the probe records, the single source of a fact's fields: every permitted subclass of
 * {@link Fact}, in the order of its {@code permits} clause, named by its {@code TYPE} constant; its components
 * (but {@code timestamp}) are the fields, their kinds from {@link Kind} or the Java type, nullable when boxed or
 * marked {@link Nullable}; the key from {@link Key}; occurrences marked {@link Occurrence}.
 */
public final class FactCatalog {

  private static final Map<String, FactType> TYPES = new LinkedHashMap<>();

  /**
   * Fact types that record something that happened once (a kill, a log record), not a sample of a state: they are
   * counted host-wide, sample windows ({@code for}, {@code trend}) make no sense for them, and they have no
   * "presence" over time. The records marked {@link Occurrence}.
   */
  public static final Set<String> OCCURRENCES;

  static {
    Set<String> occurrences = new LinkedHashSet<>();
    for (Class<?> permitted : Fact.class.getPermittedSubclasses()) {
      FactType type = derive(permitted.asSubclass(Fact.class));
      TYPES.put(type.name(), type);
      if (permitted.isAnnotationPresent(Occurrence.class)) {
        occurrences.add(type.name());
      }
    }
    OCCURRENCES = Collections.unmodifiableSet(occurrences);
  }

  private FactCatalog() {}

  static FactType derive(Class<? extends Fact> record) {
    Map<String, FieldKind> fields = new LinkedHashMap<>();
    Set<String> nullable = new LinkedHashSet<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      if (rc.getName().equals("timestamp")) {
        continue;
      }
      Class<?> type = rc.getType();
      Kind kind = rc.getAnnotation(Kind.class);
      fields.put(rc.getName(), kind != null ? kind.value() : defaultKind(type));
      if (!type.isPrimitive() && (type != String.class || rc.isAnnotationPresent(Nullable.class))) {
        nullable.add(rc.getName());
      }
    }
    Key key = record.getAnnotation(Key.class);
    return new FactType(typeName(record), record, Optional.ofNullable(key).map(Key::value),
        Collections.unmodifiableMap(fields), Collections.unmodifiableSet(nullable));
  }

  private static FieldKind defaultKind(Class<?> type) {
    if (type == String.class) {
      return FieldKind.TEXT;
    }
    return type == boolean.class || type == Boolean.class ? FieldKind.FLAG : FieldKind.NUMBER;
  }

  private static String typeName(Class<? extends Fact> record) {
    try {
      return (String) record.getField("TYPE").get(null);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(record.getName() + " has no public static String TYPE", e);
    }
  }

  public static boolean isOccurrence(String name) {
    return OCCURRENCES.contains(name);
  }

  public static Optional<FactType> find(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  public static Map<String, FactType> all() {
    return Collections.unmodifiableMap(TYPES);
  }
}
