package dev.medic.engine.runbook;

import java.time.Duration;
import java.util.Optional;

/**
 * What limits a runbook's plans.
 *
 * <pre>{@code
 * guards:
 *   cooldown: 10m          # the same trigger stays quiet for the same entity this long (default 10m)
 *   maxPerHour: 3          # at most 3 plans an hour from this runbook; more are denied (flap guard)
 *   requireApproval: true  # host-changing actions wait for a person, even in enforce mode
 *   enforceOnly: true      # the runbook is silent on hosts in advise mode
 *   fleet: {group: service, maxHosts: 2, maxSharePerHour: 10%}   # blast radius across a fleet of agents
 * }</pre>
 *
 * @param fleet the runbook's fleet limits ({@link FleetGuard}); absent: the fleet config's defaults apply
 */
public record Guards(Duration cooldown, Optional<Integer> maxPerHour, boolean requireApproval, boolean enforceOnly,
    Optional<FleetGuard> fleet) {

  public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(10);

  /** No fleet limits of the runbook's own. */
  public Guards(Duration cooldown, Optional<Integer> maxPerHour, boolean requireApproval, boolean enforceOnly) {
    this(cooldown, maxPerHour, requireApproval, enforceOnly, Optional.empty());
  }

  public static Guards defaults() {
    return new Guards(DEFAULT_COOLDOWN, Optional.empty(), false, false);
  }
}
