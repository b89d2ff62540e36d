package dev.medic.engine.plan;

import dev.medic.engine.language.Evidence;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Match;
import dev.medic.engine.session.Match.Matched;
import java.util.ArrayList;
import java.util.List;

/**
 * One sentence per condition of the rule that matched, quoting the sampled values: why the plan exists. Each
 * condition's window words its own sentence ({@code Window.reason}).
 */
final class Reasons {

  private Reasons() {}

  static List<String> of(Conjunction rule, dev.medic.engine.session.Match match) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rule.positive().size() && i < match.matched().size(); i++) {
      Match m = rule.positive().get(i);
      Matched matched = match.matched().get(i);
      out.add(m.window().reason(new Evidence(m, matched.fact(), matched.value())));
    }
    for (Match m : rule.negative()) {
      out.add("no " + m.fact() + Evidence.comparisons(m) + " " + m.window().absenceReason());
    }
    return out;
  }
}
