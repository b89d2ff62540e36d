package dev.medic.engine.approval;

import java.util.Locale;
import java.util.Map;

/**
 * One approval as the API and the CLI show it: what waits (or waited) for a person, and what became of it.
 *
 * @param requestedAt when it was requested, epoch milliseconds
 * @param expiresAt from then on it can no longer be approved
 * @param by who approved or denied it; empty while pending or when it expired
 * @param reason the approver's reason, or the gate's when a recheck stopped it; empty when none
 * @param decidedAt when it left {@link State#PENDING}, 0 while pending
 */
public record Approval(
    String id,
    String incident,
    String runbook,
    String scope,
    int pid,
    String comm,
    String action,
    Map<String, String> params,
    long requestedAt,
    long expiresAt,
    State state,
    String by,
    String reason,
    long decidedAt) {

  /** Where an approval is in its life; only {@link #PENDING} can be approved or denied. */
  public enum State {
    /** Waiting for a person, until it expires. */
    PENDING,
    /** Approved, and not yet rechecked (a crash between the two leaves it here: it is never acted on). */
    GRANTED,
    /** Approved and used up: rechecked, then carried out or stopped by a gate. */
    CONSUMED,
    /** Refused by a person. */
    DENIED,
    /** Nobody decided in time. */
    EXPIRED;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Approval {
    params = Map.copyOf(params);
  }

  Approval with(State newState, String newBy, String newReason, long at) {
    return new Approval(id, incident, runbook, scope, pid, comm, action, params, requestedAt, expiresAt, newState,
        newBy, newReason, at);
  }
}
