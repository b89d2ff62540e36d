package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;
import org.kie.api.time.SessionPseudoClock;

/**
 * One Drools session fed sweep by sweep. Not thread-safe: live, it is used only from the engine's single Vert.x
 * context; in replay, from the replaying thread.
 */
public final class RuleSession implements AutoCloseable {

  private final KieSession session;
  private final SessionPseudoClock clock;
  private final MatchSink sink = new MatchSink();
  private org.kie.api.runtime.rule.FactHandle sweep;

  private final DerivedFacts derived;
  private final Admission admission;

  RuleSession(KieSession session, SessionSpec spec) {
    this.session = session;
    this.derived = new DerivedFacts(spec);
    this.admission = spec.admission();
    this.clock = session.getSessionClock();
    session.setGlobal("matches", sink);
  }

  /**
   * Moves the clock to the sweep's time, inserts the facts the rules can use, fires, and returns what matched. All
   * facts of a sweep go in before firing, so a rule sees a cgroup and its processes from the same moment. The
   * derived facts see every sample, admitted or not.
   */
  public List<Match> accept(long timestamp, List<? extends Fact> facts) {
    long now = clock.getCurrentTime();
    if (timestamp > now) {
      clock.advanceTime(timestamp - now, TimeUnit.MILLISECONDS);
    }
    derived.update(timestamp, facts);
    for (Fact f : admission.admit(facts, derived.trends())) {
      session.insert(f);
    }
    derived.publish(session);
    if (sweep != null) {
      session.delete(sweep);
    }
    sweep = session.insert(new Sweep(timestamp, derived.sampledNow(ProcessSample.class)));
    session.fireAllRules();
    return sink.drain();
  }

  /**
   * Puts back cooldown markers a previous run left (rebuilt from its journal): the clock moves to {@code now}, the
   * restart's time, and each marker goes in with its own timestamp, so it expires when its cooldown would have.
   */
  public void restore(long now, List<Fired> markers) {
    long current = clock.getCurrentTime();
    if (now > current) {
      clock.advanceTime(now - current, TimeUnit.MILLISECONDS);
    }
    markers.forEach(session::insert);
  }

  public long factCount() {
    return session.getFactCount();
  }

  @Override
  public void close() {
    session.dispose();
  }
}
