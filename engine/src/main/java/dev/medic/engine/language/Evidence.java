package dev.medic.engine.language;

import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Match;
import dev.medic.probes.facts.Fact;

/**
 * What one positive condition of a rule matched, for its construct to explain in a plan's reasons and templates.
 *
 * @param match the condition as the runbook wrote it
 * @param fact the fact it matched; null for a count beside the primary condition, which binds none
 * @param value what its window computed (a count, a rate per minute, the previous sample); null for the others
 */
public record Evidence(Match match, Fact fact, Object value) {

  /** The comparisons with the sampled values: {@code cgroup.usagePercent = 93.0% (usagePercent >= 90%)}. */
  public String where() {
    return String.join(", ", match.where().stream()
        .map(c -> fact.type() + "." + c.field() + " = " + Wording.field(fact, c.field()) + " (" + c + ")").toList());
  }

  /** The sampled comparisons, or the fact and its entity when there are none: {@code cgroup /app}. */
  public String subject() {
    String where = where();
    return where.isEmpty() ? fact.type() + " " + Wording.scope(fact) : where;
  }

  /** The comparisons as written, for a condition that bound no fact: {@code " with a and b"}, or empty. */
  public String comparisons() {
    return comparisons(match);
  }

  /** See {@link #comparisons()}: also for negated conditions, which bind nothing. */
  public static String comparisons(Match match) {
    return match.where().isEmpty() ? "" : " with " + String.join(" and ", match.where().stream()
        .map(Comparison::toString).toList());
  }
}
