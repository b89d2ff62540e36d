package dev.medic.engine.drl;

import dev.medic.engine.facts.FactType;
import dev.medic.engine.language.RuleText;
import dev.medic.engine.language.window.MatchWriter;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Match;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.session.Admission;
import dev.medic.engine.session.DerivedFacts;
import dev.medic.engine.session.FactTest;
import dev.medic.engine.session.KeySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * Writes one rule: the patterns of each positive match (its window writes them, see {@code language/window/}), the
 * negated matches, the cooldown guard and the target binding (see {@code language/binding/}). Match {@code i} binds
 * its newest qualifying fact to {@code $f<i>}, its entity key to {@code $k<i>} and the value its window computed (a
 * count, a trend, the previous sample) to {@code $v<i>}.
 */
final class RuleWriter implements RuleText {

  private final Runbook runbook;
  private final int index;
  private final Conjunction rule;
  private final StringBuilder out = new StringBuilder();
  private final List<String> matched = new ArrayList<>();
  /** Per positive condition: whether it is grouped by entity; null for one that binds no fact (a secondary count). */
  private final List<Boolean> grouped = new ArrayList<>();
  private boolean primaryGrouped;
  private final SessionNeeds needs;

  RuleWriter(Runbook runbook, int index, SessionNeeds needs) {
    this.runbook = runbook;
    this.index = index;
    this.rule = runbook.rules().get(index);
    this.needs = needs;
  }

  String write() {
    String name = runbook.ruleName(index);
    int firstNeed = needs.size();
    out.append("rule \"").append(name).append("\"\nwhen\n");
    // "no such process" is only known on a sweep that read the process table (it may be read every Nth sweep)
    boolean needsTable = rule.negative().stream().anyMatch(m -> m.fact().equals("process") || m.fact().equals("limits"));
    line(needsTable ? "Sweep( $now : timestamp, processTable == true )" : "Sweep( $now : timestamp )");
    for (int i = 0; i < rule.positive().size(); i++) {
      Condition c = new Condition(i, rule.positive().get(i));
      c.match.window().write(c);
      grouped.add(c.bindsFact ? c.grouped : null);
      if (i == 0) {
        primaryGrouped = c.grouped;
      }
    }
    rule.negative().forEach(this::negative);
    String key = primaryGrouped ? "String.valueOf($k0)" : "\"host\"";
    line("not Fired( rule == \"" + name + "\", key == " + key + ", timestamp > ($f0.timestamp - "
        + runbook.guards().cooldown().toMillis() + ") )");
    boolean hasTarget = runbook.targetOf(index).write(this);
    out.append("then\n  matches.add(drools.getRule().getName(), ").append(hasTarget ? "$target" : "null")
        .append(", new Object[] { ").append(String.join(", ", matched)).append(" });\n");
    out.append("  insert(new Fired(drools.getRule().getName(), ").append(key).append(", $f0.timestamp()));\nend\n\n");
    StringBuilder listing = new StringBuilder();
    needs.since(firstNeed).forEach(n -> listing.append("// admits ").append(n.text()).append('\n'));
    return listing.append(out).toString();
  }

  /** No fact like this one in the window its window says (for no window: in the primary's sweep). */
  private void negative(Match m) {
    FactType type = FactKinds.type(m.fact());
    List<String> c = new ArrayList<>();
    correlation(m.fact(), rule.positive().size()).ifPresent(c::add);
    String where = Conditions.all(type, m.where());
    if (!where.isEmpty()) {
      c.add(where);
    }
    c.add(m.window().absence());
    line("not " + type.simpleClassName() + "( " + String.join(", ", c) + " )");
    need(type, m.where(), List.of(), null, null);
  }

  /** The join with the nearest of the first {@code before} positive conditions this fact relates to. */
  private Optional<String> correlation(String fact, int before) {
    for (int j = before - 1; j >= 0; j--) {
      if (grouped.get(j) == null) {
        continue; // binds no fact to join
      }
      Optional<String> c = Correlation.constraint(fact, rule.positive().get(j).fact(), grouped.get(j), j);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  @Override
  public Match primary() {
    return rule.primary();
  }

  @Override
  public void line(String text) {
    out.append("  ").append(text).append('\n');
  }

  @Override
  public String constraints(FactType type, List<Comparison> where) {
    return Conditions.all(type, where);
  }

  @Override
  public String literal(Object value) {
    return Conditions.literal(value);
  }

  @Override
  public void need(FactType type, List<Comparison> where, List<String> notNull, KeySource keyedBy,
      String keyedText) {
    List<String> text = new ArrayList<>();
    notNull.forEach(f -> text.add(f + " != null"));
    if (!where.isEmpty()) {
      text.add(Conditions.all(type, where));
    }
    if (keyedText != null) {
      text.add(keyedText);
    }
    needs.need(new Admission.Need(type.name(), FactTest.of(type, where, notNull), keyedBy,
        type.simpleClassName() + "( " + (text.isEmpty() ? "all" : String.join(", ", text)) + " )"));
  }

  @Override
  public void need(Admission.Need need) {
    needs.need(need);
  }

  /** Positive condition {@code i}, as its window writes it. */
  private final class Condition implements MatchWriter {
    final int i;
    final Match match;
    final FactType type;
    final boolean grouped;
    boolean bindsFact = true;

    Condition(int i, Match match) {
      this.i = i;
      this.match = match;
      this.type = FactKinds.type(match.fact());
      this.grouped = dev.medic.engine.state.CooldownKey.grouped(match); // the key Fired markers are restored by
    }

    @Override
    public Match match() {
      return match;
    }

    @Override
    public FactType type() {
      return type;
    }

    @Override
    public int index() {
      return i;
    }

    @Override
    public boolean grouped() {
      return grouped;
    }

    @Override
    public String entity() {
      return grouped ? "$k" + i : "\"host\"";
    }

    @Override
    public String spec() {
      return runbook.ruleName(index) + "/" + i;
    }

    @Override
    public Optional<String> correlation() {
      return RuleWriter.this.correlation(match.fact(), i);
    }

    @Override
    public void factPattern(List<String> keyJoin, List<String> notNull, KeySource keyedBy, String keyedText) {
      List<String> head = new ArrayList<>();
      head.add("timestamp == $now");
      head.addAll(keyJoin);
      if (grouped) {
        head.add("$k" + i + " : " + type.keyField().orElseThrow());
      }
      if (match.fact().equals("process")) {
        // a later cgroup condition joins on it (a variable keeps Drools' index)
        head.add("$cg" + i + " : memoryCgroup");
      }
      correlation().ifPresent(head::add);
      String where = Conditions.all(type, match.where());
      if (!where.isEmpty()) {
        head.add(where);
      }
      notNull.forEach(f -> head.add(f + " != null"));
      line("$f" + i + " : " + type.simpleClassName() + "( " + String.join(", ", head) + " )");
      need(type, match.where(), notNull, keyedBy, keyedText);
    }

    @Override
    public void binds(String value) {
      matched.add("$f" + i);
      matched.add(value);
    }

    @Override
    public void bindsOnly(String value) {
      bindsFact = false;
      matched.add("null");
      matched.add(value);
    }

    @Override
    public void trend(DerivedFacts.TrendSpec spec, DoublePredicate threshold) {
      needs.trend(spec, threshold);
    }

    @Override
    public void sustained(DerivedFacts.SustainedSpec spec) {
      needs.sustained(spec);
    }

    @Override
    public void increase(DerivedFacts.IncreaseSpec spec) {
      needs.increase(spec);
    }

    @Override
    public Match primary() {
      return RuleWriter.this.primary();
    }

    @Override
    public void line(String drl) {
      RuleWriter.this.line(drl);
    }

    @Override
    public String constraints(FactType type, List<Comparison> where) {
      return RuleWriter.this.constraints(type, where);
    }

    @Override
    public String literal(Object value) {
      return RuleWriter.this.literal(value);
    }

    @Override
    public void need(FactType type, List<Comparison> where, List<String> notNull, KeySource keyedBy,
        String keyedText) {
      RuleWriter.this.need(type, where, notNull, keyedBy, keyedText);
    }

    @Override
    public void need(Admission.Need need) {
      RuleWriter.this.need(need);
    }
  }
}
