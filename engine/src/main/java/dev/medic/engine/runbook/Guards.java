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
 * }</pre>
 */
public record Guards(Duration cooldown, Optional<Integer> maxPerHour, boolean requireApproval, boolean enforceOnly) {

  public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(10);

  public static Guards defaults() {
    return new Guards(DEFAULT_COOLDOWN, Optional.empty(), false, false);
  }
}
