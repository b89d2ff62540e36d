package dev.medic.engine.facts;

import dev.medic.probes.facts.Fact;
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

  public String simpleClassName() {
    return recordClass.getSimpleName();
  }
}
