package dev.medic.engine.plan;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.language.Wording;
import dev.medic.engine.runbook.ActionStep;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.session.Match;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Turns a rule match into a {@link Plan}, with reasons that quote the sampled values. */
public final class PlanFactory {

  private static final DateTimeFormatter INCIDENT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, Runbook> byRule = new HashMap<>();
  private final Map<String, Conjunction> conjunctionByRule = new HashMap<>();
  private final Map<String, Integer> indexByRule = new HashMap<>();
  private final ActionRegistry actions;

  public PlanFactory(List<Runbook> runbooks, ActionRegistry actions) {
    this.actions = actions;
    for (Runbook rb : runbooks) {
      for (int i = 0; i < rb.rules().size(); i++) {
        byRule.put(rb.ruleName(i), rb);
        conjunctionByRule.put(rb.ruleName(i), rb.rules().get(i));
        indexByRule.put(rb.ruleName(i), i);
      }
    }
  }

  public Runbook runbookOf(Match match) {
    Runbook rb = byRule.get(match.rule());
    if (rb == null) {
      throw new IllegalStateException("a rule fired that no runbook defines: " + match.rule());
    }
    return rb;
  }

  public Plan plan(Match match) {
    Runbook rb = runbookOf(match);
    Conjunction rule = conjunctionByRule.get(match.rule());
    Fact primary = match.primary();
    ProcessSample target = rb.targetOf(indexByRule.get(match.rule())).target(match);
    String scope = Wording.scope(primary);
    String incident = rb.id() + "-" + INCIDENT_TIME.format(Instant.ofEpochMilli(primary.timestamp())) + "-"
        + target.pid();
    Map<String, String> vars = Templates.variables(rb.id(), scope, primary, target, rule, match);
    List<PlannedAction> planned = Stream.concat(rb.steps().stream(), rb.remediate().stream())
        .map(step -> planned(step, vars)).toList();
    return new Plan(incident, rb.id(), match.rule(), primary.timestamp(), rb.severity(), scope, target,
        Reasons.of(rule, match), Templates.render(rb.summary(), vars), Templates.render(rb.advice(), vars), planned,
        rb.mode(), rb.guards(), rb.tags());
  }

  private PlannedAction planned(ActionStep step, Map<String, String> vars) {
    boolean changes = actions.find(step.action()).map(a -> a.changesHost()).orElse(true);
    Map<String, String> params = new LinkedHashMap<>();
    step.params().forEach((k, v) -> params.put(k, Templates.render(v, vars)));
    return new PlannedAction(step.action(), Map.copyOf(params), changes);
  }
}
