package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.util.ArrayList;
import java.util.List;

/** The DRL global {@code matches}: consequences add to it, the session drains it after each firing. */
public final class MatchSink {

  private final List<Match> pending = new ArrayList<>();

  public void add(String rule, Fact trigger, ProcessSample target) {
    pending.add(new Match(rule, trigger, target));
  }

  List<Match> drain() {
    List<Match> out = List.copyOf(pending);
    pending.clear();
    return out;
  }
}
