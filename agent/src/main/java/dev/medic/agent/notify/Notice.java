package dev.medic.agent.notify;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * One plan and how its actions were decided: what a notification says, in every format. Built on the engine's
 * thread from the plan and its decisions, then read by sink threads, so it is immutable.
 *
 * @param host the host name Medic runs on, so a shared channel knows which machine speaks
 * @param decisions every planned action's verdict, in the plan's order
 */
public record Notice(String host, Plan plan, List<Decision> decisions) {

  public Notice {
    decisions = List.copyOf(decisions);
  }

  public String incident() {
    return plan.incident();
  }

  public String runbook() {
    return plan.runbook();
  }

  public String severity() {
    return plan.severity().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** One line per decision: {@code set_oom_score_adj: proposed (mode: advise mode: changes the host)}. */
  public List<String> verdictLines() {
    List<String> out = new ArrayList<>();
    for (Decision d : decisions) {
      out.add(d.action() + ": " + d.verdict().word() + " (" + d.gate() + ": " + d.reason() + ")");
    }
    return out;
  }
}
