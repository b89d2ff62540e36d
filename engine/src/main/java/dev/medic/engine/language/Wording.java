package dev.medic.engine.language;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.FieldKind;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.OomKill;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How values read to people in reasons, summaries and advice: sizes in MiB, percentages with one decimal, absent
 * fields as "n/a", durations as a runbook writes them. Shared by the constructs and the plan templates.
 */
public final class Wording {

  /** Sizes print in MiB: every field the catalog says holds bytes. */
  private static final Set<String> SIZE_FIELDS = FactCatalog.all().values().stream()
      .flatMap(t -> t.fields().entrySet().stream())
      .filter(e -> e.getValue() == FieldKind.BYTES)
      .map(Map.Entry::getKey)
      .collect(Collectors.toUnmodifiableSet());

  private Wording() {}

  /** A record field for people: sizes in MiB, percentages with one decimal, absent as "n/a". */
  public static String field(Object record, String name) {
    try {
      for (RecordComponent rc : record.getClass().getRecordComponents()) {
        if (rc.getName().equals(name)) {
          Object v = rc.getAccessor().invoke(record);
          return format(name, v);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return "?";
  }

  private static String format(String name, Object v) {
    if (v == null) {
      return "n/a";
    }
    if (v instanceof Number n && isSize(name)) {
      return String.format(Locale.ROOT, "%.1f MiB", n.doubleValue() / 1048576.0);
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.1f%s", d, name.endsWith("Percent") || name.contains("Avg")
          || name.endsWith("Now") ? "%" : "");
    }
    return v.toString();
  }

  /** A per-minute amount of a field: {@code 20.0 MiB} for sizes, {@code 3.5} otherwise. */
  public static String perMinute(String field, Double perMinute) {
    if (perMinute == null) {
      return "n/a";
    }
    return isSize(field) ? String.format(Locale.ROOT, "%.1f MiB", perMinute / 1048576.0)
        : String.format(Locale.ROOT, "%.1f", perMinute);
  }

  private static boolean isSize(String name) {
    return SIZE_FIELDS.contains(name);
  }

  /** {@code 10m}, {@code 1h}, {@code 30s}, {@code 500ms}. */
  public static String duration(Duration d) {
    if (d.toMillis() % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** The entity a fact is about: {@code cgroup /app}, {@code process 4242}, {@code host}. */
  public static String scope(Fact fact) {
    if (fact instanceof OomKill k) {
      return k.global() ? "host" : "cgroup " + k.oomCgroup();
    }
    FactType type = FactCatalog.find(fact.type()).orElseThrow();
    return type.keyField().map(k -> fact.type() + " " + field(fact, k)).orElse("host");
  }
}
