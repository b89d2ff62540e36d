package dev.medic.engine.drl;

import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Match;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.TargetBinding;
import dev.medic.engine.runbook.Window;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Operator;
import dev.medic.engine.session.Admission;
import dev.medic.engine.session.DerivedFacts;
import dev.medic.engine.session.FactTest;
import dev.medic.engine.session.FieldAccess;
import dev.medic.engine.session.KeySource;
import dev.medic.engine.session.Trend;
import java.util.function.DoublePredicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one rule: the patterns of each positive match with its window, the negated matches, the cooldown guard and
 * the target binding. Match {@code i} binds its newest qualifying fact to {@code $f<i>}, its entity key to
 * {@code $k<i>} and the value its window computed (a count, a trend, the previous sample) to {@code $v<i>}.
 */
final class RuleWriter {

  /** Target candidates are never kernel threads. */
  private static final Comparison NOT_KERNEL_THREAD =
      new Comparison("kernelThread", Operator.EQ, Boolean.FALSE, "false", null);

  private final Runbook runbook;
  private final int index;
  private final Conjunction rule;
  private final StringBuilder out = new StringBuilder();
  private final List<String> matched = new ArrayList<>();
  /** Per positive condition: whether it is grouped by entity; null for a secondary count, which binds no fact. */
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
      positive(i, rule.positive().get(i));
    }
    rule.negative().forEach(this::negative);
    String key = primaryGrouped ? "String.valueOf($k0)" : "\"host\"";
    line("not Fired( rule == \"" + name + "\", key == " + key + ", timestamp > ($f0.timestamp - "
        + runbook.guards().cooldown().toMillis() + ") )");
    boolean hasTarget = target(runbook.targetOf(index));
    out.append("then\n  matches.add(drools.getRule().getName(), ").append(hasTarget ? "$target" : "null")
        .append(", new Object[] { ").append(String.join(", ", matched)).append(" });\n");
    out.append("  insert(new Fired(drools.getRule().getName(), ").append(key).append(", $f0.timestamp()));\nend\n\n");
    StringBuilder listing = new StringBuilder();
    needs.since(firstNeed).forEach(n -> listing.append("// admits ").append(n.text()).append('\n'));
    return listing.append(out).toString();
  }

  private void positive(int i, Match m) {
    FactType type = FactKinds.type(m.fact());
    String cls = type.simpleClassName();
    if (i > 0 && m.window() instanceof Window.Counted c) {
      secondaryCount(i, m, type, c);
      return;
    }
    Optional<String> keyField = type.keyField();
    boolean grouped = keyField.isPresent()
        && !(m.window() instanceof Window.Counted && FactKinds.isOccurrence(m.fact()));
    if (i == 0) {
      primaryGrouped = grouped;
    }
    this.grouped.add(grouped);
    String f = "$f" + i;
    String sameKey = grouped ? keyField.get() + " == $k" + i + ", " : "";
    Window w = m.window();
    String entity = grouped ? "$k" + i : "\"host\"";
    String value = "null";
    List<String> head = new ArrayList<>();
    head.add("timestamp == $now");
    KeySource keyedBy = null;
    String keyedText = null;
    if (w instanceof Window.Trend t) {
      // the trend first: its threshold is an alpha constraint that lets only the few growing entities into the join
      String spec = Trend.spec(m.fact(), t.field(), t.over().toMillis(), t.leastSquares());
      line("$v" + i + " : Trend( spec == \"" + spec + "\", perMinute " + t.operator().symbol() + " "
          + Conditions.literal(t.perMinute()) + (grouped ? ", $tk" + i + " : key" : ", key == \"host\"") + " )");
      value = "$v" + i + ".perMinute()";
      DoublePredicate threshold = threshold(t.operator(), t.perMinute());
      needs.trend(spec, threshold);
      if (grouped) {
        head.add(keyField.get() + " == $tk" + i);
        keyedBy = KeySource.trend(spec, threshold);
        keyedText = keyField.get() + " in Trend( spec == \"" + spec + "\", perMinute " + t.operator().symbol() + " "
            + Conditions.literal(t.perMinute()) + " )";
      }
    }
    if (grouped) {
      head.add("$k" + i + " : " + keyField.get());
    }
    if (m.fact().equals("process")) {
      head.add("$cg" + i + " : memoryCgroup"); // a later cgroup condition joins on it (a variable keeps Drools' index)
    }
    correlation(m.fact(), i).ifPresent(head::add);
    String where = Conditions.all(type, m.where());
    if (!where.isEmpty()) {
      head.add(where);
    }
    List<String> notNull = new ArrayList<>();
    if (w instanceof Window.Increased inc && type.nullable().contains(inc.field())) {
      head.add(inc.field() + " != null");
      notNull.add(inc.field());
    }
    line(f + " : " + cls + "( " + String.join(", ", head) + " )");
    need(type, m.where(), notNull, keyedBy, keyedText);
    if (w instanceof Window.Counted c) {
      line("$v" + i + " : Number( intValue >= " + c.count() + " ) from accumulate( " + cls + "( " + sameKey
          + (where.isEmpty() ? "" : where + ", ") + "timestamp > (" + f + ".timestamp - " + c.within().toMillis()
          + ") ), count(1) )");
      value = "$v" + i;
      need(type, m.where(), List.of(), null, null);
    }
    if (w instanceof Window.Sustained s) {
      // the engine tracks when the condition last failed (DerivedFacts): the rule joins the verdict
      String spec = runbook.ruleName(index) + "/" + i;
      needs.sustained(new DerivedFacts.SustainedSpec(spec, m.fact(), FactTest.of(type, m.where(), List.of()),
          s.duration().toMillis()));
      line("Sustained( spec == \"" + spec + "\", key == " + entity + " )");
    } else if (w instanceof Window.Increased inc) {
      // the engine compares each sample with the entity's previous one (DerivedFacts): the rule joins the verdict
      String spec = runbook.ruleName(index) + "/" + i;
      needs.increase(new DerivedFacts.IncreaseSpec(spec, m.fact(), inc.field(), inc.by(),
          DrlCompiler.INCREASED_LOOKBACK.toMillis()));
      line("$v" + i + " : Increase( spec == \"" + spec + "\", key == " + entity + " )");
      value = "$v" + i + ".previous()";
    }
    matched.add(f);
    matched.add(value);
  }

  /**
   * A count beside the primary ("an OOM kill within the last 10 minutes") is a property of the window, not of the
   * current sweep: it binds only the count ({@code $v<i>}) and no fact, so later conditions do not join it.
   */
  private void secondaryCount(int i, Match m, FactType type, Window.Counted c) {
    List<String> filter = new ArrayList<>();
    correlation(m.fact(), i).ifPresent(filter::add);
    String where = Conditions.all(type, m.where());
    if (!where.isEmpty()) {
      filter.add(where);
    }
    filter.add("timestamp > ($now - " + c.within().toMillis() + ")");
    line("$v" + i + " : Number( intValue >= " + c.count() + " ) from accumulate( " + type.simpleClassName() + "( "
        + String.join(", ", filter) + " ), count(1) )");
    need(type, m.where(), List.of(), null, null);
    grouped.add(null); // nothing to join
    matched.add("null");
    matched.add("$v" + i);
  }

  /** No fact like this one in the window (or, for samples without a window, in the primary's sweep). */
  private void negative(Match m) {
    FactType type = FactKinds.type(m.fact());
    List<String> c = new ArrayList<>();
    correlation(m.fact(), rule.positive().size()).ifPresent(c::add);
    String where = Conditions.all(type, m.where());
    if (!where.isEmpty()) {
      c.add(where);
    }
    c.add(m.window() instanceof Window.Within w ? "timestamp > ($f0.timestamp - " + w.duration().toMillis() + ")"
        : "timestamp == $now");
    line("not " + type.simpleClassName() + "( " + String.join(", ", c) + " )");
    need(type, m.where(), List.of(), null, null);
  }

  /**
   * Binds {@code $target}; false for the OOM victim, which is gone and is built from the kill record instead.
   * Candidates come from the primary's sweep, never kernel threads.
   */
  private boolean target(TargetBinding binding) {
    String primary = rule.primary().fact();
    switch (binding) {
      case OOM_VICTIM:
        return false;
      case MATCHED_PROCESS:
        if (primary.equals("process")) {
          line("$target : ProcessSample( this == $f0 )"); // already admitted as $f0
          return true;
        }
        line("$target : ProcessSample( timestamp == $now, pid == $k0 )");
        FactType of = FactKinds.type(primary);
        String key = of.keyField().orElseThrow();
        need(FactKinds.type("process"), List.of(), List.of(), KeySource.facts(primary,
            FactTest.of(of, rule.primary().where(), List.of()), FieldAccess.of(of.recordClass(), key)),
            "pid in " + of.simpleClassName() + "( " + whereOrAll(of, rule.primary().where()) + " )." + key);
        return true;
      default:
        String rank = binding.rankField();
        String scope = switch (primary) {
          case "cgroup" -> "inScope(memoryCgroup, $k0), ";
          case "oom_kill" -> "inScope(memoryCgroup, $f0.oomCgroup), ";
          default -> "";
        };
        FactType process = FactKinds.type("process");
        String candidates = "timestamp == $now, kernelThread == false, " + scope;
        if (!process.nullable().contains(rank)) {
          need(process, List.of(NOT_KERNEL_THREAD), List.of(), null, null);
          largest(candidates, rank, "$rank").forEach(this::line);
          return true;
        }
        // PSS is read for the top candidates only and not at all on kernels without smaps_rollup or without ptrace
        // access: where no candidate in scope has it, the largest by RSS is the target rather than none
        need(process, List.of(NOT_KERNEL_THREAD), List.of(rank), null, null);
        needs.need(new Admission.Need(process.name(), FactTest.of(process, List.of(NOT_KERNEL_THREAD), List.of()),
            KeySource.unranked(FieldAccess.of(process.recordClass(), rank)),
            "ProcessSample( kernelThread == false, in a scope where no candidate has " + rank + " )"));
        List<String> ranked = largest(candidates + rank + " != null, ", rank, "$rank");
        List<String> unranked = largest(candidates, "rss", "$rss");
        line("(");
        line("  ( " + ranked.get(0) + " and");
        line("    " + ranked.get(1) + " )");
        line("  or");
        line("  ( not ProcessSample( " + candidates + rank + " != null ) and");
        line("    " + unranked.get(0) + " and");
        line("    " + unranked.get(1) + " )");
        line(")");
        return true;
    }
  }

  /** The two patterns that bind {@code $target} to the candidate with the largest {@code field}, ties to the lower pid. */
  private static List<String> largest(String candidates, String field, String var) {
    return List.of("$target : ProcessSample( " + candidates + var + " : " + field + " )",
        "not ProcessSample( " + candidates + "(" + field + " > " + var + " || (" + field + " == " + var
            + " && pid < $target.pid)) )");
  }

  /** The join with the nearest of the first {@code before} positive conditions this fact relates to. */
  private Optional<String> correlation(String fact, int before) {
    for (int j = before - 1; j >= 0; j--) {
      if (grouped.get(j) == null) {
        continue; // a count binds no fact to join
      }
      Optional<String> c = Correlation.constraint(fact, rule.positive().get(j).fact(), grouped.get(j), j);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** A pattern's own constraints, for the session to admit only samples it can match (see {@link Admission}). */
  private void need(FactType type, List<Comparison> where, List<String> notNull, KeySource keyedBy,
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

  private static String whereOrAll(FactType type, List<Comparison> where) {
    return where.isEmpty() ? "all" : Conditions.all(type, where);
  }

  private static DoublePredicate threshold(Operator op, double limit) {
    return v -> FactTest.compare(v, op, limit);
  }

  private void line(String text) {
    out.append("  ").append(text).append('\n');
  }
}
