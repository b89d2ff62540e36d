package dev.medic.fleet;

import java.util.Map;

/**
 * What one agent publishes about itself in the fleet view (an ephemeral node: it disappears with the agent).
 *
 * @param host the host's fleet name
 * @param mode advise or enforce, and whether the fleet can be asked ({@code enforce}, {@code advise},
 *     {@code advise (fleet unavailable)})
 * @param groups the host's groups, {@code service: api}
 * @param openIncidents incidents of this host not resolved yet
 * @param pendingApprovals host-changing actions proposed and waiting for a person
 * @param at the agent's wall clock at publication, epoch milliseconds (informative only)
 */
public record AgentStatus(String host, String mode, Map<String, String> groups, int openIncidents,
    int pendingApprovals, long at) {

  public AgentStatus {
    groups = Map.copyOf(groups);
  }
}
