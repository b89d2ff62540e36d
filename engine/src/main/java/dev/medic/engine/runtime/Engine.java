package dev.medic.engine.runtime;

import dev.medic.engine.exec.ActionExecutor;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.gate.GatePipeline;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlanFactory;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.session.Match;
import dev.medic.engine.session.RuleSession;
import dev.medic.engine.state.JournalRestore;
import dev.medic.engine.state.PendingApproval;
import dev.medic.engine.state.PendingApprovals;
import dev.medic.engine.state.RestoredState;
import dev.medic.probes.facts.Fact;
import java.util.ArrayList;
import java.util.List;

/**
 * The one path from facts to decisions, shared by the live agent and the replayer: facts into the rule session,
 * matches into plans, every planned action through the gates, allowed ones to the executor, each step journalled.
 * Single-threaded by design: live, it runs on one Vert.x context.
 */
public final class Engine implements AutoCloseable {

  private final RuleSession session;
  private final PlanFactory plans;
  private final GatePipeline gates;
  private final ActionExecutor executor;
  private final Journal journal;
  private final EngineListener listener;

  private final Mode mode;
  private final PendingApprovals pending = new PendingApprovals();

  public Engine(RuleSession session, PlanFactory plans, GatePipeline gates, ActionExecutor executor, Journal journal,
      EngineListener listener, Mode mode) {
    this.mode = mode;
    this.listener = listener;
    this.session = session;
    this.plans = plans;
    this.gates = gates;
    this.executor = executor;
    this.journal = journal;
  }

  /** Feeds one sweep and returns the decisions it led to, in order. */
  public List<Decision> accept(long timestamp, List<? extends Fact> facts) {
    List<Decision> decisions = new ArrayList<>();
    java.util.Set<String> planned = new java.util.HashSet<>();
    for (Match match : session.accept(timestamp, facts)) {
      if (mode == Mode.ADVISE && plans.runbookOf(match).guards().enforceOnly()) {
        continue; // guards.enforceOnly: silent on advise hosts
      }
      Plan plan = plans.plan(match);
      if (!planned.add(plan.incident())) {
        continue; // two rules of one runbook found the same target in the same sweep: one incident
      }
      listener.planned(plan);
      journal.write(PlanEvent.of(plan));
      List<PlannedAction> allowed = new ArrayList<>();
      for (PlannedAction action : plan.actions()) {
        Decision d = gates.decide(plan, action);
        listener.decided(d);
        journal.write(DecisionEvent.of(d));
        decisions.add(d);
        if (d.verdict() == Decision.Verdict.RUN) {
          allowed.add(action);
        } else if (d.verdict() == Decision.Verdict.PROPOSED && d.gate().equals("approval")) {
          pending.add(new PendingApproval(d.timestamp(), d.incident(), d.runbook(), plan.rule(), d.pid(), d.comm(),
              d.action(), plan.scope(), plan.summary(), d.reason()));
        }
      }
      executor.submit(plan, allowed);
    }
    return decisions;
  }

  /**
   * Puts back what a previous run left, rebuilt from its journal by {@link JournalRestore}: cooldown markers into
   * the session, plan counts into the rate limit, pending approvals into {@link #approvals}. Call it once, before
   * the first sweep; {@code now} is the restart's time (epoch milliseconds).
   */
  public void restore(RestoredState state, long now) {
    session.restore(now, state.fired());
    gates.restore(state.rateLimited());
    state.pending().forEach(pending::add);
  }

  /**
   * The actions waiting for a person's approval (runbooks with {@code guards.requireApproval}), live and restored;
   * safe to read and resolve from any thread.
   */
  public PendingApprovals approvals() {
    return pending;
  }

  public long factCount() {
    return session.factCount();
  }

  @Override
  public void close() {
    session.close();
  }
}
