package dev.medic.engine.gate;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.Optional;

/**
 * Enforce mode needs a host an operator approved ({@code approved: true} in the config). A host switched to
 * enforce without approval stays advisory, and the journal says why.
 */
public final class ApprovedHostGate implements Gate {

  private final boolean approved;

  public ApprovedHostGate(boolean approved) {
    this.approved = approved;
  }

  @Override
  public String name() {
    return "approved-host";
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (!action.changesHost() || approved) {
      return Optional.empty();
    }
    return Optional.of(new Verdict(Decision.Verdict.PROPOSED, "host not approved for enforce (approved: false)"));
  }
}
