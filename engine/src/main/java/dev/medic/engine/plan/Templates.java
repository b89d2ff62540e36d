package dev.medic.engine.plan;

import dev.medic.engine.runbook.Runbook;
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

  static Map<String, String> variables(Runbook rb, String scope, Fact trigger, ProcessSample target) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("runbook.id", rb.id());
    vars.put("scope", scope);
    for (RecordComponent rc : ProcessSample.class.getRecordComponents()) {
      vars.put("process." + rc.getName(), field(target, rc.getName()));
    }
    for (RecordComponent rc : trigger.getClass().getRecordComponents()) {
      vars.put("fact." + rc.getName(), field(trigger, rc.getName()));
    }
    return vars;
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
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.1f%s", d, name.endsWith("Percent") || name.contains("Avg")
          || name.endsWith("Now") ? "%" : "");
    }
    if (v instanceof Long l && isSize(name)) {
      return String.format(Locale.ROOT, "%.1f MiB", l / 1048576.0);
    }
    return v.toString();
  }

  private static boolean isSize(String name) {
    return switch (name) {
      case "rss", "pss", "uss", "swap", "usage", "limit", "total", "available", "swapTotal", "swapFree", "anon",
          "shmem", "committed" -> true;
      default -> false;
    };
  }

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
