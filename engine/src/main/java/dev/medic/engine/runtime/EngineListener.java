package dev.medic.engine.runtime;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import java.util.List;

/**
 * Told about every plan and gate decision the {@link Engine} makes, as it makes them: the agent counts them into
 * its metrics, so the engine stays a library with no metrics dependency. Called on the engine's thread; must not
 * block.
 */
public interface EngineListener {

  /** A listener that does nothing: replays and tests. */
  EngineListener NONE = new EngineListener() {};

  /** Every listener told, in order (the agent's metrics and its notifier). */
  static EngineListener all(EngineListener... listeners) {
    List<EngineListener> each = List.of(listeners);
    return new EngineListener() {
      @Override
      public void planned(Plan plan) {
        each.forEach(l -> l.planned(plan));
      }

      @Override
      public void decided(Decision decision) {
        each.forEach(l -> l.decided(decision));
      }

      @Override
      public void awaitsApproval(Plan plan, dev.medic.engine.plan.PlannedAction action, Decision decision) {
        each.forEach(l -> l.awaitsApproval(plan, action, decision));
      }
    };
  }

  /** A plan was made (before its actions are gated). */
  default void planned(Plan plan) {}

  /** One planned action was decided by the gates. */
  default void decided(Decision decision) {}

  /**
   * A host-changing action waits for a person ({@code guards.requireApproval}): the agent's approval book opens a
   * pending approval for it. Called after {@link #decided}; replays have no book, so their output is unchanged.
   */
  default void awaitsApproval(Plan plan, dev.medic.engine.plan.PlannedAction action, Decision decision) {}

  /** Tells {@code first}, then {@code second}: the agent's metrics and its approvals. */
  static EngineListener both(EngineListener first, EngineListener second) {
    return all(first, second);
  }

}
