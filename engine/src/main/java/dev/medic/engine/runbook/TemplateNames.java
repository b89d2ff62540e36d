package dev.medic.engine.runbook;

import dev.medic.probes.internal.DidYouMean;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.ProcessSample;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks the placeholders of a runbook's summary, advice and action parameters against what the runbook binds:
 * {@code {{process.<field>}}} (the target), {@code {{fact.<field>}}} (the primary condition's fact),
 * {@code {{<alias>}}} and {@code {{<alias>.<field>}}} for conditions named with {@code as}, {@code {{scope}}} and
 * {@code {{runbook.id}}}. A name that is not bound is an error, with a did-you-mean hint.
 */
final class TemplateNames {

  /** The longest text (a summary, advice, a parameter) that may hold placeholders. */
  static final int MAX_LENGTH = 4096;
  /** The most placeholders one text may hold; a check of each is a lookup and, when unknown, a did-you-mean. */
  static final int MAX_PLACEHOLDERS = 64;

  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  private final YamlTree yaml;
  private final Set<String> known = new TreeSet<>();

  TemplateNames(YamlTree yaml, List<Conjunction> rules, List<String> aliases) {
    this.yaml = yaml;
    known.add("runbook.id");
    known.add("scope");
    for (RecordComponent rc : ProcessSample.class.getRecordComponents()) {
      known.add("process." + rc.getName());
    }
    for (Conjunction rule : rules) {
      if (!rule.positive().isEmpty()) {
        fields(rule.primary().fact()).forEach(f -> known.add("fact." + f));
      }
      for (Match m : rule.positive()) {
        m.alias().ifPresent(a -> {
          known.add(a);
          fields(m.fact()).forEach(f -> known.add(a + "." + f));
        });
      }
    }
    aliases.stream().filter(a -> !known.contains(a)).forEach(known::add); // aliases inside 'not' bind nothing usable
  }

  static boolean hasPlaceholder(String text) {
    return PLACEHOLDER.matcher(text).find();
  }

  /** Reports unbound names at {@code node}; returns the text. */
  String check(Node node, String text) {
    if (text.length() > MAX_LENGTH) {
      yaml.problem(node, "the text is " + text.length() + " characters long; at most " + MAX_LENGTH);
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    Set<String> reported = new java.util.HashSet<>();
    for (int count = 0; m.find(); count++) {
      if (count == MAX_PLACEHOLDERS) {
        yaml.problem(node, "more than " + MAX_PLACEHOLDERS + " placeholders in one text");
        return text;
      }
      String name = m.group(1);
      if (!known.contains(name) && reported.add(name)) {
        String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        boolean bindingExists = known.stream().anyMatch(k -> k.equals(head) || k.startsWith(head + "."));
        String shown = Echo.of(name);
        yaml.problem(node, (bindingExists ? "unknown field in {{" + shown + "}}" : "{{" + shown + "}} uses a binding "
            + "that does not exist") + DidYouMean.hint(name, known));
      }
    }
    return text;
  }

  private static List<String> fields(String fact) {
    List<String> out = new ArrayList<>();
    FactCatalog.find(fact).map(FactType::fields).map(Map::keySet).ifPresent(out::addAll);
    out.add("timestamp");
    return out;
  }
}
