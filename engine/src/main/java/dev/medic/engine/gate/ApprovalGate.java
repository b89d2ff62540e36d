package dev.medic.engine.gate;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.Optional;

/**
 * {@code guards.requireApproval}: a host-changing action of such a runbook waits for a person, even in enforce mode
 * on an approved host. It is journalled as proposed; captures still run.
 */
public final class ApprovalGate implements Gate {

  @Override
  public String name() {
    return "approval";
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (!action.changesHost() || !plan.guards().requireApproval()) {
      return Optional.empty();
    }
    return Optional.of(new Verdict(Decision.Verdict.PROPOSED, "runbook " + plan.runbook() + " requires approval"));
  }
}
