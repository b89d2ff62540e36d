package dev.medic.engine.plan;

import dev.medic.engine.language.Evidence;
import dev.medic.engine.language.Wording;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.session.Match;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
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
   * with {@code as}: the alias (its window's value, or its entity: {@code Window.aliasValue}) and
   * {@code <alias>.*}.
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
        vars.put(alias, m.window().aliasValue(new Evidence(m, matched.fact(), matched.value())));
      });
    }
    return vars;
  }

  private static void fields(String prefix, Object record, Map<String, String> vars) {
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      vars.put(prefix + "." + rc.getName(), Wording.field(record, rc.getName()));
    }
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
}
