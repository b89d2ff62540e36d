package dev.medic.engine.plan;

import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Match;
import dev.medic.engine.runbook.Window;
import dev.medic.engine.session.Match.Matched;
import dev.medic.probes.facts.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One sentence per condition of the rule that matched, quoting the sampled values: why the plan exists. */
final class Reasons {

  private Reasons() {}

  static List<String> of(Conjunction rule, dev.medic.engine.session.Match match) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rule.positive().size() && i < match.matched().size(); i++) {
      out.add(positive(rule.positive().get(i), match.matched().get(i)));
    }
    for (Match m : rule.negative()) {
      String where = m.where().isEmpty() ? "" : " with " + String.join(" and ", m.where().stream()
          .map(Comparison::toString).toList());
      String window = m.window() instanceof Window.Within w ? " within " + Templates.duration(w.duration()) : " now";
      out.add("no " + m.fact() + where + window);
    }
    return out;
  }

  private static String positive(Match m, Matched matched) {
    Fact fact = matched.fact();
    Window w = m.window();
    if (fact == null && w instanceof Window.Counted c) { // a count beside the primary binds no fact
      String where = m.where().isEmpty() ? "" : " with " + String.join(" and ", m.where().stream()
          .map(Comparison::toString).toList());
      return matched.value() + " " + m.fact() + where + " within " + Templates.duration(c.within())
          + " (count >= " + c.count() + ")";
    }
    String where = String.join(", ", m.where().stream()
        .map(c -> fact.type() + "." + c.field() + " = " + Templates.field(fact, c.field()) + " (" + c + ")").toList());
    String subject = where.isEmpty() ? fact.type() + " " + PlanFactory.scope(fact) : where;
    if (w instanceof Window.Sustained s) {
      return subject + " for " + Templates.duration(s.duration());
    }
    if (w instanceof Window.Counted c) {
      return matched.value() + " " + fact.type() + (where.isEmpty() ? "" : " matching " + where) + " within "
          + Templates.duration(c.within()) + " (count >= " + c.count() + ")";
    }
    if (w instanceof Window.Trend t) {
      return String.format(Locale.ROOT, "%s.%s %s %s/min over %s (%s %s %s)", fact.type(), t.field(),
          t.leastSquares() ? "trend" : "rate", Templates.perMinute(t.field(), (Double) matched.value()),
          Templates.duration(t.over()), t.field(), t.operator().symbol(), t.text())
          + (where.isEmpty() ? "" : "; " + where);
    }
    if (w instanceof Window.Increased inc) {
      return fact.type() + "." + inc.field() + " rose from " + Templates.field(matched.value(), inc.field()) + " to "
          + Templates.field(fact, inc.field()) + (where.isEmpty() ? "" : "; " + where);
    }
    return subject;
  }
}
