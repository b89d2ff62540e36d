package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The fleet did not let a host-changing action run: its limit was reached ({@code denied}), or the coordinator
 * could not be asked and the agent failed closed ({@code proposed}, as in advise mode), or a granted action was not
 * started because its permit or session could end before the action's timeout ({@code skipped}).
 *
 * @param at wall clock, epoch milliseconds
 * @param group the host group asked about; absent when the coordinator was not reached
 * @param outcome {@code denied}, {@code proposed} or {@code skipped}
 * @param reason why, in words
 */
@JsonTypeName("fleet_denied")
@JsonPropertyOrder({"at", "incident", "runbook", "action", "group", "outcome", "reason"})
public record FleetDeniedEvent(
    long at,
    String incident,
    String runbook,
    String action,
    @JsonInclude(JsonInclude.Include.NON_NULL) String group,
    String outcome,
    String reason) implements JournalEvent {}
