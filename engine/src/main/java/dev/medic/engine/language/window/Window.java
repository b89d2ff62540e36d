package dev.medic.engine.language.window;

import dev.medic.engine.language.Evidence;
import dev.medic.engine.language.Wording;
import java.time.Duration;

/**
 * How a match looks across samples of the same entity, once read from YAML: the latest sample, sustained
 * {@code for} a while, counted {@code within} a window, a trend, an increase, none {@code within} a window. Each
 * kind is one class in this package that knows everything about itself: how YAML spells it ({@link WindowSyntax},
 * its {@code SYNTAX} constant), the DRL it writes and the facts the engine derives for it ({@link #write}), how long
 * samples must be kept ({@link #keeps}), and how it reads in a plan ({@link #reason}, {@link #aliasValue}). The kinds
 * are registered in {@link Windows}.
 */
public interface Window {

  /**
   * Whether a condition of type {@code fact} with this window is about one entity at a time (by the type's key
   * field) rather than host-wide. Only the types with a key field are ever per entity.
   */
  default boolean perEntity(String fact) {
    return true;
  }

  /** Writes the condition as a positive pattern (or patterns) of a rule, with what they need from the session. */
  void write(MatchWriter rule);

  /**
   * The time constraint of a negated condition ({@code not}): what "no such fact" ranges over. Only the kinds the
   * reader allows inside {@code not} have one.
   */
  default String absence() {
    throw new IllegalStateException(getClass().getSimpleName() + " is not allowed inside 'not'");
  }

  /** How a negated condition's window reads in a plan's reasons: {@code now}, {@code within 10m}. */
  default String absenceReason() {
    throw new IllegalStateException(getClass().getSimpleName() + " is not allowed inside 'not'");
  }

  /**
   * How long the session must keep samples of the condition's fact for this window; zero when the engine derives
   * what the window needs (sustained windows, trends, increases) and the rule looks only at the current sweep.
   */
  default Duration keeps() {
    return Duration.ZERO;
  }

  /** One sentence for a plan's reasons, quoting the sampled values. */
  String reason(Evidence matched);

  /**
   * What {@code {{alias}}} renders to for a condition named with {@code as}: the window's value when it computed a
   * number (a count), else the matched fact's entity.
   */
  default String aliasValue(Evidence matched) {
    if (matched.value() instanceof Number n) {
      return n.toString();
    }
    return matched.fact() == null ? "" : Wording.scope(matched.fact());
  }
}
