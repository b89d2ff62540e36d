package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The fleet granted this host a permit for one plan's host-changing actions. The token fences the work: it grows
 * with every grant in the ensemble, so a stale holder's later writes can be told from a newer holder's.
 *
 * @param at wall clock, epoch milliseconds
 * @param serverAt the coordinator's time of the grant (the ZooKeeper leader's clock), epoch milliseconds
 * @param group the host group the limit is about, {@code key=value} ({@code service=api})
 * @param scope what the limit counts: the runbook id
 * @param token the fencing token (the zxid of the grant)
 * @param durable true when the permit outlives the agent's session (an action that takes the host or agent down)
 * @param holders hosts of the group holding a permit for the scope, this one included
 * @param maxHosts the limit
 */
@JsonTypeName("fleet_grant")
@JsonPropertyOrder({"at", "serverAt", "incident", "runbook", "action", "group", "scope", "token", "durable", "holders",
    "maxHosts"})
public record FleetGrantEvent(
    long at,
    long serverAt,
    String incident,
    String runbook,
    String action,
    String group,
    String scope,
    long token,
    boolean durable,
    int holders,
    int maxHosts) implements JournalEvent {}
