package dev.medic.engine.language.binding;

import dev.medic.engine.language.RuleText;
import dev.medic.engine.session.Match;
import dev.medic.probes.facts.ProcessSample;

/**
 * How a runbook names the process its steps act on ({@code target:}), within what its primary condition matched.
 * Each binding is one class in this package that knows its keyword, which rules it fits, the DRL that binds
 * {@code $target} and the process a plan gets; the bindings are registered in {@link Targets}.
 */
public interface TargetBinding {

  /** What runbooks write after {@code target:}. */
  String keyword();

  /** Whether it can name a process for a rule whose primary condition is about {@code primaryFact}. */
  default boolean fits(String primaryFact) {
    return true;
  }

  /** Whether a rule about {@code primaryFact} gets this binding when its runbook names none. */
  default boolean isDefaultFor(String primaryFact) {
    return false;
  }

  /**
   * Writes the patterns that bind {@code $target} (from the primary condition's sweep, never a kernel thread), and
   * their needs; false when the binding names no live process and binds nothing.
   */
  boolean write(RuleText rule);

  /** The process a plan made from {@code match} acts on. */
  default ProcessSample target(Match match) {
    return match.target();
  }
}
