package dev.medic.engine.gate;

import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.Optional;

/**
 * One check a planned action must pass before it runs. Gates see only the plan (the sampled target, not the live
 * host), so a replay decides exactly as the live run did.
 */
public interface Gate {

  /** The name written into the journal when this gate stops an action, e.g. {@code mode}. */
  String name();

  /** Empty to let the action through; a verdict to stop it here. */
  Optional<Verdict> check(Plan plan, PlannedAction action);

  /** A gate's stop: proposed (advisory) or denied, with the reason an operator reads. */
  record Verdict(dev.medic.engine.plan.Decision.Verdict kind, String reason) {}
}
