package dev.medic.engine.plan;

import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Window;
import dev.medic.engine.session.Match;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a runbook's {@code summary} and {@code advice}: {@code {{process.comm}}} and friends. */
final class Templates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  private Templates() {}

  /**
   * Every name a summary, advice or action parameter may use: {@code runbook.id}, {@code scope},
   * {@code process.*} (the target), {@code fact.*} (the primary condition's fact), and for each condition named
   * with {@code as}: the alias (its window's value, or its entity) and {@code <alias>.*}.
   */
  static Map<String, String> variables(String runbook, String scope, Fact primary, ProcessSample target,
      Conjunction rule, Match match) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("runbook.id", runbook);
    vars.put("scope", scope);
    fields("process", target, vars);
    fields("fact", primary, vars);
    for (int i = 0; i < rule.positive().size() && i < match.matched().size(); i++) {
      dev.medic.engine.runbook.Match m = rule.positive().get(i);
      Match.Matched matched = match.matched().get(i);
      m.alias().ifPresent(alias -> {
        if (matched.fact() != null) {
          fields(alias, matched.fact(), vars);
        }
        vars.put(alias, aliasValue(m, matched));
      });
    }
    return vars;
  }

  private static void fields(String prefix, Object record, Map<String, String> vars) {
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      vars.put(prefix + "." + rc.getName(), field(record, rc.getName()));
    }
  }

  /** A named condition's value: a trend as size or number per minute, a count, else the fact's entity. */
  private static String aliasValue(dev.medic.engine.runbook.Match m, Match.Matched matched) {
    if (m.window() instanceof Window.Trend t) {
      return perMinute(t.field(), (Double) matched.value());
    }
    if (matched.value() instanceof Number n) {
      return n.toString();
    }
    return matched.fact() == null ? "" : PlanFactory.scope(matched.fact());
  }

  /** A per-minute amount of a field: {@code 20.0 MiB} for sizes, {@code 3.5} otherwise. */
  static String perMinute(String field, Double perMinute) {
    if (perMinute == null) {
      return "n/a";
    }
    return isSize(field) ? String.format(Locale.ROOT, "%.1f MiB", perMinute / 1048576.0)
        : String.format(Locale.ROOT, "%.1f", perMinute);
  }

  static String render(String template, Map<String, String> vars) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "?")));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A record field for people: sizes in MiB, percentages with one decimal, absent as "n/a". */
  static String field(Object record, String name) {
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

  /** Sizes print in MiB: every field the catalog says holds bytes. */
  private static boolean isSize(String name) {
    return SIZE_FIELDS.contains(name);
  }

  private static final java.util.Set<String> SIZE_FIELDS = dev.medic.engine.facts.FactCatalog.all().values().stream()
      .flatMap(t -> t.fields().entrySet().stream())
      .filter(e -> e.getValue() == dev.medic.probes.facts.FieldKind.BYTES)
      .map(Map.Entry::getKey)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  static String duration(Duration d) {
    if (d.toMillis() % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
