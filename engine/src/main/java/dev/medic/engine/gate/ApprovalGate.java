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

  /** The gate's name in decisions: the engine hands such proposals to the approval book. */
  public static final String NAME = "approval";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (!action.changesHost() || !plan.guards().requireApproval()) {
      return Optional.empty();
    }
    return Optional.of(new Verdict(Decision.Verdict.PROPOSED, "runbook " + plan.runbook() + " requires approval"));
  }
}
