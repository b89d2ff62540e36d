package dev.medic.engine.approval;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;

/**
 * What became of an approve or deny request: the API turns each kind into its HTTP status (404, 409, 200), so
 * every way a request can fail is a type, not an exception.
 */
public sealed interface Outcome {

  /** No approval has this id. */
  record Unknown(String id) implements Outcome {}

  /** The approval exists but is no longer pending (decided, used up or expired): nothing changed. */
  record NotPending(Approval approval) implements Outcome {}

  /** Denied by a person; it will never be carried out. */
  record Denied(Approval approval) implements Outcome {}

  /** Approved, but another gate stopped it when rechecked; the approval is used up. */
  record Stopped(Approval approval, Decision decision) implements Outcome {}

  /** Approved and passed every other gate: the caller hands {@code plan} and {@code action} to the executor. */
  record Carry(Approval approval, Plan plan, PlannedAction action, Decision decision) implements Outcome {}
}
