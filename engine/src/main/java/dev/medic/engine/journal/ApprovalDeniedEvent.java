package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A person refused a pending approval: the action is never carried out.
 *
 * @param at wall clock, epoch milliseconds
 * @param approver the name of who refused
 * @param reason why (required)
 */
@JsonTypeName("approval_denied")
@JsonPropertyOrder({"at", "id", "incident", "action", "approver", "reason"})
public record ApprovalDeniedEvent(
    long at,
    String id,
    String incident,
    String action,
    String approver,
    String reason) implements JournalEvent {}
