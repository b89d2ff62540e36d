package dev.medic.engine.gate;

import dev.medic.engine.schedule.Cron;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A time during which enforce is suspended (patching, a planned failover): either recurring, a cron expression
 * that opens it and a duration it stays open, or absolute, from one instant to another. It is asked with the plan's
 * timestamp (the sweep's), so a replay finds the same windows open as the live run did.
 *
 * @param name how decisions name it ({@code maintenance window 'nightly-patch'})
 * @param cron what opens a recurring window; empty for an absolute one
 * @param duration how long a recurring window stays open
 * @param from an absolute window's start, epoch ms (inclusive)
 * @param to an absolute window's end, epoch ms (exclusive)
 */
public record MaintenanceWindow(String name, Optional<Cron> cron, Duration duration, long from, long to) {

  /** A window opened by {@code cron} for {@code duration}. */
  public static MaintenanceWindow recurring(String name, Cron cron, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("maintenance '" + name + "': duration must be positive");
    }
    return new MaintenanceWindow(name, Optional.of(cron), duration, 0, 0);
  }

  /** A window from one instant to a later one. */
  public static MaintenanceWindow between(String name, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("maintenance '" + name + "': 'to' must be after 'from'");
    }
    return new MaintenanceWindow(name, Optional.empty(), Duration.between(from, to), from.toEpochMilli(),
        to.toEpochMilli());
  }

  /** Whether the window is open at {@code epochMs}. */
  public boolean openAt(long epochMs) {
    return cron.map(c -> c.covers(epochMs, duration.toMillis())).orElse(epochMs >= from && epochMs < to);
  }

  /** How a decision describes it: the name and what opens it. */
  public String describe() {
    return "maintenance window '" + name + "' (" + cron.map(c -> "cron \"" + c.text() + "\" for " + duration)
        .orElse(Instant.ofEpochMilli(from) + " to " + Instant.ofEpochMilli(to)) + ")";
  }
}
