package dev.medic.engine.runbook;

import dev.medic.probes.internal.DidYouMean;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.FieldKind;
import dev.medic.engine.language.window.Window;
import dev.medic.engine.language.window.WindowSyntax;
import dev.medic.engine.language.window.Windows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads a runbook's {@code when} into a {@link Condition}, reporting problems at their line and column. */
public final class ConditionReader {

  /** The keys of a match: its fact and comparisons, every window kind's keys, its name. */
  public static final List<String> MATCH_KEYS = Stream.of(List.of("fact", "where"), Windows.keys(), List.of("as"))
      .flatMap(List::stream).toList();
  private static final List<String> COMBINATORS = List.of("all", "any", "not");
  /** {@code <field> <op> <value>}: a comparison, or the head of a trend. */
  public static final Pattern CONDITION = Pattern.compile(
      "\\s*([A-Za-z][A-Za-z0-9]*)\\s*(>=|<=|==|!=|>|<)\\s*(.+?)\\s*");
  /** {@code comm in [postgres, mysqld]}, {@code comm not in [...]}. */
  private static final Pattern SET_CONDITION =
      Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)\\s+(in|not\\s+in)\\s*(\\[.*\\])\\s*");
  private static final Pattern ALIAS = Pattern.compile("[a-z][a-zA-Z0-9]{0,30}");

  private final YamlTree yaml;
  final List<String> aliases = new ArrayList<>();

  ConditionReader(YamlTree yaml) {
    this.yaml = yaml;
  }

  Optional<Condition> read(Node node) {
    Optional<Map<String, NodeTuple>> map = yaml.mapping(node, "a condition");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> m = map.get();
    Optional<String> combinator = COMBINATORS.stream().filter(m::containsKey).findFirst();
    if (combinator.isEmpty()) {
      return match(node, m, false).map(c -> c);
    }
    if (m.size() != 1) {
      yaml.problem(node, "'" + combinator.get() + "' stands alone in its mapping; put the other keys in its items");
      return Optional.empty();
    }
    Node inner = m.get(combinator.get()).getValueNode();
    if (combinator.get().equals("not")) {
      return yaml.mapping(inner, "'not'").flatMap(n -> match(inner, n, true))
          .map(x -> new Condition.Not(x, yaml.at(node)));
    }
    List<Condition> items = new ArrayList<>();
    List<Node> nodes = yaml.list(inner);
    for (Node item : nodes) {
      read(item).ifPresent(items::add);
    }
    if (nodes.isEmpty() || nodes.size() == 1 && nodes.get(0) instanceof org.yaml.snakeyaml.nodes.ScalarNode s
        && s.getValue().isEmpty()) {
      yaml.problem(node, "'" + combinator.get() + "' needs at least one condition");
      return Optional.empty();
    }
    if (items.size() < nodes.size()) {
      return Optional.empty(); // the broken items were reported
    }
    Position at = yaml.at(node);
    return Optional.of(combinator.get().equals("all") ? new Condition.All(items, at) : new Condition.Any(items, at));
  }

  private Optional<Match> match(Node node, Map<String, NodeTuple> m, boolean negated) {
    yaml.onlyKeys(m, MATCH_KEYS, "a condition (or use all/any/not)");
    NodeTuple factKey = m.get("fact");
    if (factKey == null) {
      yaml.problem(node, "missing 'fact' (one of " + String.join(", ", FactCatalog.all().keySet()) + ")");
      return Optional.empty();
    }
    Node factNode = factKey.getValueNode();
    String name = yaml.scalar(factNode, "fact").orElse("");
    Optional<FactType> type = FactCatalog.find(name);
    if (type.isEmpty()) {
      yaml.problem(factNode, "unknown fact '" + name + "'" + DidYouMean.hint(name, FactCatalog.all().keySet())
          + "; known: " + String.join(", ", FactCatalog.all().keySet()));
      return Optional.empty();
    }
    List<Comparison> where = new ArrayList<>();
    if (m.containsKey("where")) {
      for (Node c : yaml.list(m.get("where").getValueNode())) {
        yaml.scalar(c, "a condition").flatMap(s -> comparison(c, type.get(), s)).ifPresent(where::add);
      }
    }
    Optional<Window> window = window(node, m, type.get(), negated);
    Optional<String> alias = Optional.ofNullable(m.get("as")).flatMap(a -> alias(a.getValueNode()));
    return window.map(w -> new Match(type.get().name(), List.copyOf(where), w, alias, yaml.at(node)));
  }

  /**
   * Which window keys are given decides the window kind ({@link Windows}); the rules every kind follows are checked
   * here, in this order: one window per condition, no sample window on events, inside {@code not} only the kinds
   * written there, no key without the one it goes with. The kind then reads its own keys.
   */
  private Optional<Window> window(Node node, Map<String, NodeTuple> m, FactType type, boolean negated) {
    List<WindowSyntax> outside = Windows.ALL.stream().filter(s -> s.insideNot().isEmpty()).toList();
    List<WindowSyntax> inside = Windows.ALL.stream().filter(s -> s.insideNot().isPresent()).toList();
    List<WindowSyntax> chosen = outside.stream().filter(s -> given(s, m) > 0).toList();
    if (chosen.size() > 1 || chosen.stream().anyMatch(s -> given(s, m) > 1)) {
      yaml.problem(node, "use one window per condition: "
          + or(outside.stream().flatMap(s -> s.forms().stream()).toList()));
      return Optional.empty();
    }
    Optional<WindowSyntax> kind = chosen.stream().findFirst();
    if (FactCatalog.isOccurrence(type.name()) && kind.filter(s -> !s.onEvents()).isPresent()) {
      yaml.problem(node, "'" + type.name() + "' records events, not samples: use " + or(outside.stream()
          .filter(WindowSyntax::onEvents).flatMap(s -> s.forms().stream()).toList()) + " (or no window)");
      return Optional.empty();
    }
    if (negated && kind.isPresent()) {
      yaml.problem(node, "'not' takes only " + or(inside.stream().map(s -> s.insideNot().get()).toList())
          + " or no window at all");
      return Optional.empty();
    }
    for (WindowSyntax s : Windows.ALL) {
      for (String key : s.companions()) {
        boolean isKeyword = Windows.ALL.stream().anyMatch(k -> k.keywords().contains(key));
        if (m.containsKey(key) && !isKeyword && kind.filter(k -> k.companions().contains(key)).isEmpty()) {
          yaml.problem(m.get(key).getKeyNode(), "'" + key + "' goes with " + goesWith(key));
          return Optional.empty();
        }
      }
    }
    for (WindowSyntax s : inside) {
      for (String key : s.keywords()) {
        if (m.containsKey(key) && !negated && kind.filter(k -> k.companions().contains(key)).isEmpty()) {
          yaml.problem(m.get(key).getKeyNode(), "'" + key + "' goes with " + goesWith(key) + ", or inside 'not'");
          return Optional.empty();
        }
      }
    }
    WindowKeys keys = new WindowKeys(this, yaml, node, m, type);
    if (kind.isPresent()) {
      return kind.get().read(keys);
    }
    Optional<WindowSyntax> absence = inside.stream().filter(s -> negated && given(s, m) > 0).findFirst();
    return absence.orElse(Windows.none()).read(keys);
  }

  /** How many of the kind's keywords the condition gives. */
  private static long given(WindowSyntax kind, Map<String, NodeTuple> m) {
    return kind.keywords().stream().filter(m::containsKey).count();
  }

  /** The keywords a companion key goes with: {@code 'trend' or 'rate'}. */
  private static String goesWith(String companion) {
    return String.join(" or ", Windows.ALL.stream().filter(s -> s.companions().contains(companion))
        .flatMap(s -> s.keywords().stream()).map(k -> "'" + k + "'").toList());
  }

  /** {@code a, b or c}. */
  private static String or(List<String> items) {
    int last = items.size() - 1;
    return last <= 0 ? String.join("", items)
        : String.join(", ", items.subList(0, last)) + " or " + items.get(last);
  }

  Optional<FieldKind> numericField(Node at, FactType type, String field) {
    Optional<FieldKind> kind = field(at, type, field);
    if (kind.isPresent() && (kind.get() == FieldKind.TEXT || kind.get() == FieldKind.FLAG)) {
      yaml.problem(at, "'" + field + "' is not a number");
      return Optional.empty();
    }
    return kind;
  }

  /** The kind of a field of {@code type}; an unknown one is a problem, with a did-you-mean. */
  private Optional<FieldKind> field(Node at, FactType type, String field) {
    FieldKind kind = type.fields().get(field);
    if (kind == null) {
      yaml.problem(at, "'" + type.name() + "' has no field '" + field + "'"
          + DidYouMean.hint(field, type.fields().keySet()));
    }
    return Optional.ofNullable(kind);
  }

  Optional<Comparison> comparison(Node node, FactType type, String text) {
    Matcher set = SET_CONDITION.matcher(text);
    if (set.matches()) {
      return setComparison(node, type, set.group(1), set.group(2).startsWith("not") ? Operator.NOT_IN : Operator.IN,
          set.group(3));
    }
    Matcher m = CONDITION.matcher(text);
    if (!m.matches()) {
      yaml.problem(node, "'" + text + "' is not a condition; write <field> <op> <value>, e.g. usagePercent >= 90%"
          + ", or <field> in [<values>]");
      return Optional.empty();
    }
    String field = m.group(1);
    Optional<FieldKind> known = field(node, type, field);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    FieldKind kind = known.get();
    Operator op = Operator.of(m.group(2)).orElseThrow();
    if (m.group(3).equals("null")) {
      return absence(node, type, field, op);
    }
    try {
      Object value = Values.forField(kind, m.group(3), op);
      if (!op.isOrdering() && value instanceof Double d && d != Math.rint(d) && type.wholeNumber(field)) {
        // Drools would also truncate the value and compare with 1 for 1.5: refuse rather than mean something else
        yaml.problem(node, "'" + field + "' is a whole number, so " + op.symbol() + " " + m.group(3)
            + (op == Operator.EQ ? " can never hold" : " always holds") + "; compare with a whole number");
        return Optional.empty();
      }
      return Optional.of(new Comparison(field, op, value, m.group(3), yaml.at(node)));
    } catch (IllegalArgumentException e) {
      yaml.problem(node, field + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code comm in [a, b]}: text fields only. */
  private Optional<Comparison> setComparison(Node node, FactType type, String field, Operator op, String list) {
    Optional<FieldKind> kind = field(node, type, field);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    if (kind.get() != FieldKind.TEXT) {
      yaml.problem(node, field + ": " + op.symbol() + " takes a text field; '" + field + "' is not text");
      return Optional.empty();
    }
    try {
      return Optional.of(new Comparison(field, op, Values.textSet(list), list.trim(), yaml.at(node)));
    } catch (IllegalArgumentException e) {
      yaml.problem(node, field + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code unit == null}: the field is absent; only fields that may be absent, only with == and !=. */
  private Optional<Comparison> absence(Node node, FactType type, String field, Operator op) {
    if (op.isOrdering()) {
      yaml.problem(node, field + ": null compares only with == or !=");
      return Optional.empty();
    }
    if (!type.nullable().contains(field)) {
      yaml.problem(node, "'" + field + "' is always present, so " + op.symbol() + " null "
          + (op == Operator.EQ ? "never holds" : "always holds"));
      return Optional.empty();
    }
    return Optional.of(new Comparison(field, op, Comparison.ABSENT, "null", yaml.at(node)));
  }

  private Optional<String> alias(Node node) {
    Optional<String> name = yaml.scalar(node, "as");
    name.filter(a -> !ALIAS.matcher(a).matches()).ifPresent(a ->
        yaml.problem(node, "'as' names a binding: a word starting with a lower-case letter, not '" + a + "'"));
    name.filter(a -> aliases.contains(a)).ifPresent(a -> yaml.problem(node, "binding '" + a + "' is named twice"));
    name.filter(a -> FactCatalog.all().containsKey(a) || a.equals("process") || a.equals("fact")
        || a.equals("runbook") || a.equals("scope")).ifPresent(a ->
        yaml.problem(node, "'" + a + "' is taken; name the binding something else"));
    name.ifPresent(aliases::add);
    return name.filter(a -> ALIAS.matcher(a).matches());
  }

  Optional<Duration> duration(Node node) {
    return yaml.scalar(node, "a duration").flatMap(s -> {
      try {
        Duration d = Values.duration(s);
        if (d.isZero()) {
          yaml.problem(node, "a window of 0 is no window; leave the key out instead");
          return Optional.empty();
        }
        return Optional.of(d);
      } catch (IllegalArgumentException e) {
        yaml.problem(node, e.getMessage());
        return Optional.empty();
      }
    });
  }

  Optional<Integer> integer(Node node, int min, int max, String what) {
    return yaml.scalar(node, what).flatMap(s -> {
      try {
        int v = Integer.parseInt(s.trim());
        if (v >= min && v <= max) {
          return Optional.of(v);
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      yaml.problem(node, "'" + what + "' must be a whole number from " + min + " to " + max + ", not '" + s + "'");
      return Optional.empty();
    });
  }
}
