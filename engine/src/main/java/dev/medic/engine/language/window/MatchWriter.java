package dev.medic.engine.language.window;

import dev.medic.engine.facts.FactType;
import dev.medic.engine.language.RuleText;
import dev.medic.engine.runbook.Match;
import dev.medic.engine.session.DerivedFacts;
import dev.medic.engine.session.KeySource;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * One positive condition of the rule being written, as its window writes it. Condition {@code i} binds its fact
 * to {@code $f<i>} ({@link #factPattern}), its entity key to {@code $k<i>} and the value its window computed to
 * {@code $v<i>}; it hands back a fact and a value to the consequence ({@link #binds}).
 */
public interface MatchWriter extends RuleText {

  Match match();

  FactType type();

  /** The condition's place among the rule's positive conditions: 0 is the primary one. */
  int index();

  /** Whether the condition is about one entity at a time ({@code $k<i>} is bound), not host-wide. */
  boolean grouped();

  /** The DRL for the condition's entity: {@code $k<i>} when grouped, {@code "host"} otherwise. */
  String entity();

  /** The name the facts the engine derives for this condition carry: {@code <rule name>/<i>}. */
  String spec();

  /** The DRL join with the nearest earlier condition this one relates to, if any. */
  Optional<String> correlation();

  /**
   * Writes {@code $f<i> : Type( timestamp == $now, …, $k<i> : key, <join>, <where>, <notNull> != null )} and its
   * need.
   *
   * @param keyJoin constraints on the key that come first ({@code pid == $tk<i>}), so Drools indexes them
   * @param notNull fields the window needs present
   */
  void factPattern(List<String> keyJoin, List<String> notNull, KeySource keyedBy, String keyedText);

  /** The need of the condition's own type and comparisons, for a pattern beside its fact pattern. */
  default void need() {
    need(type(), match().where(), List.of(), null, null);
  }

  /** Hands {@code $f<i>} and {@code value} (DRL, or {@code null}) back to the consequence. */
  void binds(String value);

  /**
   * Hands back only a value: the condition binds no fact (a count beside the primary), so later conditions do not
   * join it.
   */
  void bindsOnly(String value);

  /** The engine keeps this trend up to date; rules compare it with {@code threshold}. */
  void trend(DerivedFacts.TrendSpec spec, DoublePredicate threshold);

  /** The engine tracks this sustained condition. */
  void sustained(DerivedFacts.SustainedSpec spec);

  /** The engine compares each sample with the entity's previous one. */
  void increase(DerivedFacts.IncreaseSpec spec);
}
