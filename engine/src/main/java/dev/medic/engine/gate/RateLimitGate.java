package dev.medic.engine.gate;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code guards.maxPerHour}: at most N plans an hour from one runbook; the rest are denied whole, captures
 * included, so a flapping service is not restarted (or photographed) in a loop. Time is the plans' sample time,
 * so a replay limits exactly as the live run did. Kept in memory and rebuilt from
 * the journal at start ({@link #restore}), so a restart does not reset the count.
 */
public final class RateLimitGate implements Gate {

  static final Duration WINDOW = Duration.ofHours(1);

  private final Map<String, Deque<Long>> admitted = new HashMap<>();
  /** The verdict per incident, so every action of a plan gets the same one; pruned with the window. */
  private final Map<String, Decided> byIncident = new HashMap<>();

  private record Decided(long timestamp, Optional<Verdict> verdict) {}

  @Override
  public String name() {
    return "rate-limit";
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (plan.guards().maxPerHour().isEmpty()) {
      return Optional.empty();
    }
    byIncident.values().removeIf(d -> d.timestamp() <= plan.timestamp() - WINDOW.toMillis());
    return byIncident.computeIfAbsent(plan.incident(),
        i -> new Decided(plan.timestamp(), admit(plan, plan.guards().maxPerHour().get()))).verdict();
  }

  /** Puts back the plans counted before a restart: per runbook, their sample times, oldest first. */
  public void restore(Map<String, java.util.List<Long>> counted) {
    counted.forEach((runbook, times) -> admitted.computeIfAbsent(runbook, r -> new ArrayDeque<>()).addAll(times));
  }

  private Optional<Verdict> admit(Plan plan, int max) {
    Deque<Long> times = admitted.computeIfAbsent(plan.runbook(), r -> new ArrayDeque<>());
    while (!times.isEmpty() && times.peekFirst() <= plan.timestamp() - WINDOW.toMillis()) {
      times.removeFirst();
    }
    if (times.size() >= max) {
      return Optional.of(new Verdict(Decision.Verdict.DENIED,
          "runbook " + plan.runbook() + " already had " + max + " plan(s) in the last hour (maxPerHour)"));
    }
    times.addLast(plan.timestamp());
    return Optional.empty();
  }
}
