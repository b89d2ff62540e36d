package dev.medic.engine.facts;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.FieldKind;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of fact as runbooks see it.
 *
 * @param name what runbooks write, e.g. {@code cgroup}
 * @param recordClass the probe record that carries it
 * @param keyField the field that names the entity a sample is about ({@code path} for a cgroup, {@code pid} for a
 *     process), or empty for host-wide facts; sustained windows and cooldowns are tracked per key
 * @param fields every field a condition may compare, with its kind
 * @param nullable fields that may be absent on some kernels; conditions on them are false when absent
 */
public record FactType(
    String name,
    Class<? extends Fact> recordClass,
    Optional<String> keyField,
    Map<String, FieldKind> fields,
    java.util.Set<String> nullable) {

  /** Whether {@code field} holds whole numbers (a pid, a byte count), as opposed to a fraction (a percentage). */
  public boolean wholeNumber(String field) {
    for (java.lang.reflect.RecordComponent rc : recordClass.getRecordComponents()) {
      if (rc.getName().equals(field)) {
        Class<?> c = rc.getType();
        return c == int.class || c == long.class || c == Integer.class || c == Long.class;
      }
    }
    return false;
  }

  public String simpleClassName() {
    return recordClass.getSimpleName();
  }
}
