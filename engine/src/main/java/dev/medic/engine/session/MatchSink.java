package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.util.ArrayList;
import java.util.List;

/** The DRL global {@code matches}: consequences add to it, the session drains it after each firing. */
public final class MatchSink {

  private final List<Match> pending = new ArrayList<>();

  /** {@code factsAndValues} alternates each positive condition's fact and its window's value. */
  public void add(String rule, ProcessSample target, Object[] factsAndValues) {
    List<Match.Matched> matched = new ArrayList<>();
    for (int i = 0; i + 1 < factsAndValues.length; i += 2) {
      matched.add(new Match.Matched((Fact) factsAndValues[i], factsAndValues[i + 1]));
    }
    pending.add(new Match(rule, target, List.copyOf(matched)));
  }

  List<Match> drain() {
    List<Match> out = List.copyOf(pending);
    pending.clear();
    return out;
  }
}
