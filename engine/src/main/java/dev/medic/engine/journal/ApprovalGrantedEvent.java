package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A person approved a pending approval. An {@link ApprovalConsumedEvent} follows at once: what the other gates
 * said when the action was about to be carried out.
 *
 * @param at wall clock, epoch milliseconds
 * @param approver the name the approver gave
 * @param reason why, absent when none was given
 */
@JsonTypeName("approval_granted")
@JsonPropertyOrder({"at", "id", "incident", "action", "approver", "reason"})
public record ApprovalGrantedEvent(
    long at,
    String id,
    String incident,
    String action,
    String approver,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String reason) implements JournalEvent {

  public ApprovalGrantedEvent {
    reason = reason == null ? "" : reason;
  }
}
