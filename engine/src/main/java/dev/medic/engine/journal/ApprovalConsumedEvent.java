package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A granted approval was used up: the action went through every other gate again (protected target, rate limit,
 * cooldown, mode, approved host) at the moment it was to be carried out. {@code run} means it went to the executor
 * and its {@link ActionEvent} follows; otherwise the gate that stopped it says why. Either way the approval cannot
 * be used again.
 *
 * @param at wall clock, epoch milliseconds
 * @param verdict {@code run}, {@code proposed} or {@code denied}
 * @param gate the gate that decided ({@code all} when every gate passed)
 */
@JsonTypeName("approval_consumed")
@JsonPropertyOrder({"at", "id", "incident", "action", "verdict", "gate", "reason"})
public record ApprovalConsumedEvent(
    long at,
    String id,
    String incident,
    String action,
    String verdict,
    String gate,
    String reason) implements JournalEvent {}
