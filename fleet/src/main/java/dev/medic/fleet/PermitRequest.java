package dev.medic.fleet;

import java.util.Optional;

/**
 * A request for a permit: which group of hosts the limit counts within, what it counts (a runbook), the limits,
 * and whether the permit must outlive the session.
 *
 * @param groupKey the group key, {@code service}; this host's value for it comes from the fleet settings
 * @param scope what the limit counts, the runbook id (or {@code runbook/action})
 * @param maxHosts at most this many hosts of the group hold a permit for the scope at once
 * @param maxSharePerHour at most this share of the group's live hosts is granted in a rolling hour
 * @param durable a persistent permit that the host gives back once healthy (reboot, agent restart)
 * @param incident the plan asking, for the permit's data and the journal
 */
public record PermitRequest(String groupKey, String scope, int maxHosts, Optional<Double> maxSharePerHour,
    boolean durable, String incident) {}
