package dev.medic.fleet;

/**
 * An incident as the fleet keeps it: a persistent node, so it outlives the agent that raised it.
 *
 * @param host the host that raised it
 * @param incident the incident id
 * @param runbook the runbook
 * @param state {@code open} or {@code resolved}
 * @param pending host-changing actions of it proposed and waiting for a person
 * @param at the agent's wall clock, epoch milliseconds
 */
public record FleetIncident(String host, String incident, String runbook, String state, int pending, long at) {}
