package dev.medic.fleet;

import dev.medic.engine.runbook.FleetGuard;
import java.util.Optional;

/**
 * The limits one host-changing plan is asked under: a runbook's own {@code guards.fleet}, or the fleet config's
 * defaults for runbooks that declare none.
 *
 * @param group the group key the limits count within
 * @param maxHosts hosts of the group at once (the config's default when the runbook gives only a share)
 * @param maxSharePerHour the share of the group's live hosts granted in a rolling hour, if limited
 */
public record FleetLimits(String group, int maxHosts, Optional<Double> maxSharePerHour) {

  /** The runbook's guard, with the defaults filling what it leaves out. */
  public FleetLimits over(Optional<FleetGuard> guard) {
    return guard.map(g -> new FleetLimits(g.group(), g.maxHosts().orElse(maxHosts),
        g.maxSharePerHour().or(() -> maxSharePerHour))).orElse(this);
  }
}
