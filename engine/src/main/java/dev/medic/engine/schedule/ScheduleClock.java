package dev.medic.engine.schedule;

import dev.medic.engine.runbook.Runbook;
import dev.medic.probes.facts.ScheduleTick;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbooks' {@code schedule:} on the sweep's clock: each sweep asks {@link #due} with its timestamp, and every
 * schedule whose next time has come gives one {@link ScheduleTick}. Times missed between two sweeps (a suspended
 * host, a gap in a recording) give one tick, not a burst, like Quartz's "fire once now" misfire rule. The first
 * sweep only starts the count: a schedule fires at its next time after the agent (or the replay) started, never
 * for the times before it.
 *
 * <p>No thread and no wall clock: the live agent and a replay of its recording give the same ticks to the same
 * sweeps. One instance per engine; not thread-safe (the engine is single-threaded).
 */
public final class ScheduleClock {

  /** One scheduled runbook and the next time it is due (epoch ms; unset before the first sweep). */
  private static final class Entry {
    final String runbook;
    final Cron cron;
    long next = Long.MIN_VALUE;

    Entry(String runbook, Cron cron) {
      this.runbook = runbook;
      this.cron = cron;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** The schedules of the enabled runbooks that have one. */
  public static ScheduleClock of(List<Runbook> runbooks) {
    ScheduleClock clock = new ScheduleClock();
    for (Runbook r : runbooks) {
      if (r.enabled()) {
        r.schedule().ifPresent(s -> clock.entries.add(new Entry(r.id(), Cron.parse(s))));
      }
    }
    return clock;
  }

  /** No schedules. */
  public static ScheduleClock none() {
    return new ScheduleClock();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The ticks of the sweep at {@code now}, stamped with it; empty for most sweeps. */
  public List<ScheduleTick> due(long now) {
    List<ScheduleTick> ticks = List.of();
    for (Entry e : entries) {
      if (e.next == Long.MIN_VALUE) {
        e.next = e.cron.nextAfter(now);
        continue;
      }
      if (now >= e.next) {
        if (ticks.isEmpty()) {
          ticks = new ArrayList<>();
        }
        ticks.add(new ScheduleTick(now, e.runbook, e.cron.text(), e.next));
        e.next = e.cron.nextAfter(now);
      }
    }
    return ticks;
  }
}
