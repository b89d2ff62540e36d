package dev.medic.engine.runtime;

import dev.medic.engine.exec.ActionExecutor;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.gate.GatePipeline;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlanFactory;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.session.Match;
import dev.medic.engine.session.RuleSession;
import dev.medic.probes.facts.Fact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
      journal.write("plan", planLine(plan));
      List<PlannedAction> allowed = new ArrayList<>();
      for (PlannedAction action : plan.actions()) {
        Decision d = gates.decide(plan, action);
        listener.decided(d);
        journal.write("decision", decisionLine(d));
        decisions.add(d);
        if (d.verdict() == Decision.Verdict.RUN) {
          allowed.add(action);
        }
      }
      executor.submit(plan, allowed);
    }
    return decisions;
  }

  public long factCount() {
    return session.factCount();
  }

  private static Map<String, Object> planLine(Plan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ts", p.timestamp());
    m.put("incident", p.incident());
    m.put("runbook", p.runbook());
    m.put("rule", p.rule());
    m.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
    if (!p.tags().isEmpty()) {
      m.put("tags", p.tags()); // for routing and filtering the journal: "hardware" to one team, "memory" to another
    }
    m.put("scope", p.scope());
    m.put("pid", p.target().pid());
    m.put("comm", p.target().comm());
    // the journal outlives the incident and gets shared: no secrets passed as arguments
    m.put("cmdline", dev.medic.actions.EnvironmentRedactor.redactCommandLine(p.target().cmdline()));
    m.put("reasons", p.reasons());
    m.put("summary", p.summary());
    if (!p.advice().isEmpty()) {
      m.put("advice", p.advice());
    }
    m.put("actions", p.actions().stream().map(PlannedAction::action).toList());
    return m;
  }

  /** The journal form of a decision; the replayer prints the same fields. */
  public static Map<String, Object> decisionLine(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ts", d.timestamp());
    m.put("incident", d.incident());
    m.put("runbook", d.runbook());
    m.put("pid", d.pid());
    m.put("comm", d.comm());
    m.put("action", d.action());
    m.put("verdict", d.verdict().word());
    m.put("gate", d.gate());
    m.put("reason", d.reason());
    return m;
  }

  @Override
  public void close() {
    session.close();
  }
}
