package dev.medic.engine.gate;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.List;
import java.util.Optional;

/** The gates in order; the first that stops an action decides it, otherwise it runs. */
public final class GatePipeline {

  private final List<Gate> gates;

  public GatePipeline(List<Gate> gates) {
    this.gates = List.copyOf(gates);
  }

  /**
   * Medic's standard order: protected target first, so an action on sshd or pid 1 shows as denied even in advise
   * mode (not as a proposal nobody may accept); the rate limit next, so a flapping runbook is stopped whole; then
   * mode, approved host and approval.
   */
  public static GatePipeline standard(Mode mode, boolean approved, ProtectedTargetGate protect) {
    return new GatePipeline(List.of(protect, new RateLimitGate(), new ModeGate(mode), new ApprovedHostGate(approved),
        new ApprovalGate()));
  }

  /** Gives the rate-limit gates the counts a previous run left (see {@link RateLimitGate#restore}). */
  public void restore(java.util.Map<String, List<Long>> rateLimited) {
    gates.stream().filter(g -> g instanceof RateLimitGate).forEach(g -> ((RateLimitGate) g).restore(rateLimited));
  }

  public Decision decide(Plan plan, PlannedAction action) {
    for (Gate gate : gates) {
      Optional<Gate.Verdict> v = gate.check(plan, action);
      if (v.isPresent()) {
        return decision(plan, action, v.get().kind(), gate.name(), v.get().reason());
      }
    }
    String why = action.changesHost() ? "every gate passed" : "read-only capture";
    return decision(plan, action, Decision.Verdict.RUN, "all", why);
  }

  private static Decision decision(Plan p, PlannedAction a, Decision.Verdict v, String gate, String reason) {
    return new Decision(p.timestamp(), p.incident(), p.runbook(), p.target().pid(), p.target().comm(), a.action(),
        v, gate, reason);
  }
}
