package dev.medic.engine.exec;

import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.List;

/**
 * Carries out the actions gates let through. Live, the real executor runs them off the rules thread; in replay,
 * the recording executor only notes them.
 */
public interface ActionExecutor {

  /** Runs the plan's allowed actions in order; may return before they finish. */
  void submit(Plan plan, List<PlannedAction> allowed);

  /** Waits for submitted work to finish, up to the given milliseconds. */
  default void drain(long millis) throws InterruptedException {}
}
