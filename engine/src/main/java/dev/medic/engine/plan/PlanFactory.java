package dev.medic.engine.plan;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.ActionStep;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.Trigger;
import dev.medic.engine.session.Match;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Turns a rule match into a {@link Plan}, with reasons that quote the sampled values. */
public final class PlanFactory {

  private static final DateTimeFormatter INCIDENT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, Runbook> byRule = new HashMap<>();
  private final Map<String, Trigger> triggerByRule = new HashMap<>();
  private final ActionRegistry actions;

  public PlanFactory(List<Runbook> runbooks, ActionRegistry actions) {
    this.actions = actions;
    for (Runbook rb : runbooks) {
      for (int i = 0; i < rb.triggers().size(); i++) {
        byRule.put(rb.ruleName(i), rb);
        triggerByRule.put(rb.ruleName(i), rb.triggers().get(i));
      }
    }
  }

  public Plan plan(Match match) {
    Runbook rb = byRule.get(match.rule());
    if (rb == null) {
      throw new IllegalStateException("a rule fired that no runbook defines: " + match.rule());
    }
    Trigger trigger = triggerByRule.get(match.rule());
    ProcessSample target = match.target();
    String scope = scope(match.trigger());
    String incident = rb.id() + "-" + INCIDENT_TIME.format(Instant.ofEpochMilli(match.trigger().timestamp()))
        + "-" + target.pid();
    List<PlannedAction> planned = Stream.concat(rb.steps().stream(), rb.remediate().stream())
        .map(this::planned).toList();
    Map<String, String> vars = Templates.variables(rb, scope, match.trigger(), target);
    return new Plan(incident, rb.id(), match.rule(), match.trigger().timestamp(), rb.severity(), scope, target,
        reasons(trigger, match.trigger()), Templates.render(rb.summary(), vars), Templates.render(rb.advice(), vars),
        planned, rb.mode());
  }

  private PlannedAction planned(ActionStep step) {
    boolean changes = actions.find(step.action()).map(a -> a.changesHost()).orElse(true);
    return new PlannedAction(step.action(), step.params(), changes);
  }

  static String scope(Fact fact) {
    FactType type = FactCatalog.find(fact.type()).orElseThrow();
    return type.keyField().map(k -> fact.type() + " " + Templates.field(fact, k)).orElse("host");
  }

  /** One sentence per condition: the field, the value sampled, the threshold, the window. */
  private static List<String> reasons(Trigger trigger, Fact fact) {
    List<String> out = new ArrayList<>();
    String window = trigger.sustained().isZero() ? "" : " for " + Templates.duration(trigger.sustained());
    for (Comparison c : trigger.where()) {
      out.add(fact.type() + "." + c.field() + " = " + Templates.field(fact, c.field()) + " (" + c + window + ")");
    }
    if (out.isEmpty()) {
      out.add(fact.type() + " sample present" + window);
    }
    return out;
  }
}
