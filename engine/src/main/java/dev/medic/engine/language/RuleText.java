package dev.medic.engine.language;

import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Match;
import dev.medic.engine.session.Admission;
import dev.medic.engine.session.KeySource;
import java.util.List;

/**
 * The rule being written, as a construct sees it: it adds DRL lines and says what each of its patterns can match.
 * The compiler ({@code drl/RuleWriter}) implements it; constructs never build a rule themselves.
 *
 * <p>Variables every rule has: {@code $now} is the current sweep's timestamp, {@code $f0} the primary condition's
 * fact and {@code $k0} its entity key (when it has one).
 */
public interface RuleText {

  /** The rule's first positive condition: it names the entity (scope, cooldown key, target). */
  Match primary();

  /** Adds one line to the rule's {@code when}. */
  void line(String drl);

  /** The comparisons as DRL constraints, joined with commas; empty when there are none. */
  String constraints(FactType type, List<Comparison> where);

  /** A value as a DRL literal ({@code 20971520.0}, {@code "text"}). */
  String literal(Object value);

  /**
   * What a pattern can match, for the session to admit only those samples (see {@link Admission}): every pattern
   * states one, or it never sees a sample.
   *
   * @param notNull fields the pattern requires present
   * @param keyedBy when not null, the entities other facts of the sweep single out
   * @param keyedText how the {@code // admits} listing shows {@code keyedBy}
   */
  void need(FactType type, List<Comparison> where, List<String> notNull, KeySource keyedBy, String keyedText);

  /** A need written out in full, for patterns whose listing says more than their constraints. */
  void need(Admission.Need need);
}
