package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Nobody decided a pending approval within its time to live: it can no longer be approved and is never acted on.
 *
 * @param at when Medic noticed, epoch milliseconds (at or after the request's {@code expiresAt})
 */
@JsonTypeName("approval_expired")
@JsonPropertyOrder({"at", "id", "incident", "action"})
public record ApprovalExpiredEvent(long at, String id, String incident, String action) implements JournalEvent {}
