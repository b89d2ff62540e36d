package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A fleet permit ended: given back after the plan's actions had their outcome, after the host reported healthy (a
 * durable permit), or lost with the session (the coordinator freed it without being asked).
 *
 * @param at wall clock, epoch milliseconds
 * @param token the fencing token of the grant it ends
 * @param reason why it ended, in words
 */
@JsonTypeName("fleet_release")
@JsonPropertyOrder({"at", "incident", "group", "scope", "token", "reason"})
public record FleetReleaseEvent(long at, String incident, String group, String scope, long token, String reason)
    implements JournalEvent {}
