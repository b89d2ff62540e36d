package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.util.List;

/**
 * What a rule's consequence hands back: which rule matched, the fact each positive condition matched with the
 * value its window computed, and the process it bound as target. Rules do nothing else; turning a match into a
 * plan is the engine's job.
 *
 * @param target the bound process, or null when the runbook targets an OOM kill's (gone) victim
 */
public record Match(String rule, ProcessSample target, List<Matched> matched) {

  /**
   * One positive condition's match.
   *
   * @param value what its window computed: a count ({@code count}), a slope or rate per minute ({@code trend},
   *     {@code rate}), the previous sample ({@code increased}); null for the others
   */
  public record Matched(Fact fact, Object value) {}

  public Fact primary() {
    return matched.get(0).fact();
  }
}
