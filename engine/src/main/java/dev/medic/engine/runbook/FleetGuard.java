package dev.medic.engine.runbook;

import java.util.Optional;

/**
 * {@code guards.fleet}: a runbook's blast radius across hosts. The engine only carries it in the plan; the fleet
 * gate of an agent that is part of a fleet enforces it, and a single host ignores it.
 *
 * <pre>{@code
 * guards:
 *   fleet: {group: service, maxHosts: 2, maxSharePerHour: 10%}
 * }</pre>
 *
 * @param group the host group key the limits count within ({@code service}, {@code zone}); hosts name their value
 *     in {@code medic.yaml}
 * @param maxHosts at most this many hosts of the group run this runbook's host-changing actions at once
 * @param maxSharePerHour at most this fraction (0 to 1] of the group's live hosts get a permit in a rolling hour
 */
public record FleetGuard(String group, Optional<Integer> maxHosts, Optional<Double> maxSharePerHour) {

  /** The keys under {@code guards.fleet}. */
  public static final java.util.List<String> KEYS = java.util.List.of("group", "maxHosts", "maxSharePerHour");

  /** Whole number of hosts, 1 to 9999. */
  public static Optional<Integer> hosts(String text) {
    return text.matches("\\d{1,4}") && Integer.parseInt(text) >= 1 ? Optional.of(Integer.parseInt(text))
        : Optional.empty();
  }

  /** {@code 10%} or {@code 0.1}: a share above 0 and at most 1. */
  public static Optional<Double> share(String text) {
    String t = text.strip();
    boolean percent = t.endsWith("%");
    String number = percent ? t.substring(0, t.length() - 1).strip() : t;
    if (!number.matches("\\d{1,3}(\\.\\d{1,4})?")) {
      return Optional.empty();
    }
    double v = Double.parseDouble(number) / (percent ? 100.0 : 1.0);
    return v > 0 && v <= 1 ? Optional.of(v) : Optional.empty();
  }

  /** A group key or value: letters, digits, {@code . _ -}, up to 64. */
  public static boolean name(String text) {
    return text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  }
}
