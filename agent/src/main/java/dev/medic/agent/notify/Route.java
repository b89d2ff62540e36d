package dev.medic.agent.notify;

import dev.medic.engine.plan.Plan;
import java.util.List;

/**
 * Which plans go to which sinks: {@code {match: {runbook: [...], severity: [...], tags: [...]}, to: [...]}}. Every
 * criterion given must hold (a runbook of the list, a severity of the list, every tag listed among the runbook's
 * tags); an empty criterion holds for all. As in Alertmanager, the first route that matches decides, unless it says
 * {@code continue: true}.
 */
public record Route(List<String> runbooks, List<String> severities, List<String> tags, List<String> to,
    boolean continueMatching) {

  public Route {
    runbooks = List.copyOf(runbooks);
    severities = List.copyOf(severities);
    tags = List.copyOf(tags);
    to = List.copyOf(to);
  }

  public boolean matches(Plan plan) {
    return (runbooks.isEmpty() || runbooks.contains(plan.runbook()))
        && (severities.isEmpty() || severities.contains(plan.severity().name().toLowerCase(java.util.Locale.ROOT)))
        && plan.tags().containsAll(tags);
  }

  /** The sinks the routes send {@code plan} to, in route order, each once. */
  public static List<String> sinksFor(List<Route> routes, Plan plan) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (Route r : routes) {
      if (r.matches(plan)) {
        out.addAll(r.to());
        if (!r.continueMatching()) {
          break;
        }
      }
    }
    return List.copyOf(out);
  }
}
