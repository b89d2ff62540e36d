package dev.medic.engine.language.window;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.FieldKind;
import dev.medic.engine.language.Evidence;
import dev.medic.engine.language.Wording;
import dev.medic.engine.runbook.ConditionReader;
import dev.medic.engine.runbook.Operator;
import dev.medic.engine.runbook.RunbookSchema;
import dev.medic.engine.runbook.SchemaKeys;
import dev.medic.engine.runbook.Values;
import dev.medic.engine.runbook.WindowKeys;
import dev.medic.engine.session.DerivedFacts;
import dev.medic.engine.session.FactTest;
import dev.medic.engine.session.KeySource;
import dev.medic.engine.session.RuleBase;
import dev.medic.engine.session.Trend;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code trend: rss > 20MiB/min} (least-squares slope) or {@code rate: …} (last minus first) {@code over: 15m}:
 * how fast a field grows per minute over a covered window. The leak signal. The engine keeps each entity's slope
 * or rate up to date ({@code DerivedFacts}) and publishes the ones above a rule's threshold as {@code Trend} facts,
 * which the rule joins first.
 *
 * @param perMinute the threshold in the field's unit per minute
 * @param text the threshold as the author wrote it
 * @param leastSquares true for {@code trend}, false for {@code rate}
 */
public record TrendOver(String field, Operator operator, double perMinute, String text, Duration over,
    boolean leastSquares) implements Window {

  private static final Pattern PER = Pattern.compile("(.+?)\\s*/\\s*(s|sec|m|min|h|hour)");

  public static final WindowSyntax SYNTAX = new WindowSyntax() {
    @Override
    public List<String> keywords() {
      return List.of("trend", "rate");
    }

    @Override
    public List<String> companions() {
      return List.of("over");
    }

    @Override
    public List<String> forms() {
      return List.of("trend/over", "rate/over");
    }

    @Override
    public Optional<Window> read(WindowKeys keys) {
      return TrendOver.read(keys);
    }

    @Override
    public void schema(SchemaKeys keys) {
      keys.text("trend", "<field> <op> <amount>/min, e.g. rss > 20MiB/min");
      keys.text("rate", "<field> <op> <amount>/min (last minus first)");
      keys.duration("over");
    }

    @Override
    public void schema(FactType type, String fields, ObjectNode then) {
      String pattern = "^\\s*(" + fields + ")\\s*" + RunbookSchema.OPS + "\\s*\\S+\\s*/\\s*(s|sec|m|min|h|hour)$";
      then.putObject("trend").put("pattern", pattern);
      then.putObject("rate").put("pattern", pattern);
    }
  };

  private static Optional<Window> read(WindowKeys keys) {
    boolean leastSquares = keys.has("trend");
    String key = leastSquares ? "trend" : "rate";
    Optional<Duration> over = keys.has("over") ? keys.duration("over") : keys.missing("over");
    Optional<String> text = keys.text(key, "a trend");
    if (text.isEmpty() || over.isEmpty()) {
      return Optional.empty();
    }
    Matcher c = ConditionReader.CONDITION.matcher(text.get());
    Matcher per = c.matches() ? PER.matcher(c.group(3)) : null;
    if (per == null || !per.matches()) {
      keys.problem(key, "'" + text.get() + "' is not a trend; write <field> <op> <amount>/min, e.g. rss > 20MiB/min");
      return Optional.empty();
    }
    Optional<FieldKind> kind = keys.numericField(key, c.group(1));
    Operator op = Operator.of(c.group(2)).orElseThrow();
    if (kind.isEmpty() || !op.isOrdering()) {
      if (kind.isPresent()) {
        keys.problem(key, "a trend compares with <, <=, > or >=");
      }
      return Optional.empty();
    }
    try {
      double amount = kind.get() == FieldKind.BYTES ? Values.bytes(per.group(1))
          : (Double) Values.forField(FieldKind.NUMBER, per.group(1).replace("%", ""), op);
      double perMinute = switch (per.group(2)) {
        case "s", "sec" -> amount * 60;
        case "h", "hour" -> amount / 60;
        default -> amount;
      };
      return Optional.of(new TrendOver(c.group(1), op, perMinute, c.group(3), over.get(), leastSquares));
    } catch (IllegalArgumentException e) {
      keys.problem(key, c.group(1) + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void write(MatchWriter rule) {
    // the trend first: its threshold is an alpha constraint that lets only the few growing entities into the join
    String fact = rule.match().fact();
    DerivedFacts.TrendSpec trend = RuleBase.trend(fact, field, over.toMillis(), leastSquares);
    String spec = Trend.spec(fact, field, over.toMillis(), leastSquares);
    String threshold = "perMinute " + operator.symbol() + " " + rule.literal(perMinute);
    int i = rule.index();
    rule.line("$v" + i + " : Trend( spec == \"" + spec + "\", " + threshold
        + (rule.grouped() ? ", $tk" + i + " : key" : ", key == \"host\"") + " )");
    DoublePredicate passes = v -> FactTest.compare(v, operator, perMinute);
    rule.trend(trend, passes);
    if (rule.grouped()) {
      String key = rule.type().keyField().orElseThrow();
      rule.factPattern(List.of(key + " == $tk" + i), List.of(), KeySource.trend(spec, passes),
          key + " in Trend( spec == \"" + spec + "\", " + threshold + " )");
    } else {
      rule.factPattern(List.of(), List.of(), null, null);
    }
    rule.binds("$v" + i + ".perMinute()");
  }

  @Override
  public String reason(Evidence matched) {
    String where = matched.where();
    return String.format(Locale.ROOT, "%s.%s %s %s/min over %s (%s %s %s)", matched.fact().type(), field,
        leastSquares ? "trend" : "rate", Wording.perMinute(field, (Double) matched.value()),
        Wording.duration(over), field, operator.symbol(), text) + (where.isEmpty() ? "" : "; " + where);
  }

  /** The trend as a size or a number per minute. */
  @Override
  public String aliasValue(Evidence matched) {
    return Wording.perMinute(field, (Double) matched.value());
  }
}
