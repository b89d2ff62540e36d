package dev.medic.fleet;

/**
 * A held permit. The fencing token grows with every grant in the ensemble, so work done under an older permit can
 * be told from work under a newer one.
 *
 * @param group {@code key=value}, the group the permit counts in
 * @param scope what it counts (a runbook)
 * @param incident the plan it was granted for
 * @param path the coordinator's name for it (a znode path)
 * @param token the fencing token
 * @param serverAt the coordinator's time of the grant, epoch milliseconds
 * @param durable true when it outlives the session
 */
public record Permit(String group, String scope, String incident, String path, long token, long serverAt,
    boolean durable) {}
