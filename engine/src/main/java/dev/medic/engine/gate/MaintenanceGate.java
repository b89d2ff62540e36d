package dev.medic.engine.gate;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.List;
import java.util.Optional;

/**
 * Enforce suspended during the configured maintenance windows: while one is open at the plan's time, an action that
 * changes the host is only proposed, and the decision names the window, so an operator reading the journal knows
 * why a plan that would have run did not. Read-only captures still run. Decided on the plan's timestamp, so a
 * replay gives the same verdicts.
 */
public final class MaintenanceGate implements Gate {

  private final List<MaintenanceWindow> windows;

  public MaintenanceGate(List<MaintenanceWindow> windows) {
    this.windows = List.copyOf(windows);
  }

  @Override
  public String name() {
    return "maintenance";
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (!action.changesHost()) {
      return Optional.empty();
    }
    return windows.stream().filter(w -> w.openAt(plan.timestamp())).findFirst()
        .map(w -> new Verdict(Decision.Verdict.PROPOSED, w.describe() + " is open: enforce suspended"));
  }
}
