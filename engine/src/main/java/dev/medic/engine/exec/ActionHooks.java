package dev.medic.engine.exec;

import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.Optional;

/**
 * What a live executor asks right before an allowed action starts and tells once it has an outcome. A gate that
 * holds something for the action (a fleet permit) checks here that it still holds it, and gives it back after: the
 * gates decide when the plan is made, the action may start later on the executor's thread.
 */
public interface ActionHooks {

  /** Nothing to check and nothing to give back: a single host. */
  ActionHooks NONE = new ActionHooks() {};

  /** Empty to let the action start now; a reason to skip it (it is journalled as not started). */
  default Optional<String> beforeStart(Plan plan, PlannedAction action) {
    return Optional.empty();
  }

  /** The action ended (or was skipped) with this status word ({@code ok}, {@code failed}, {@code skipped}, …). */
  default void finished(Plan plan, PlannedAction action, String status) {}
}
