package dev.medic.probes.cgroup;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns the cumulative OOM counters of each cgroup ({@code memory.events} {@code oom} and {@code oom_kill} in v2,
 * {@code memory.oom_control} {@code oom_kill} in v1) into "since the previous sweep", so a rule sees a new kill
 * once instead of an old count forever.
 *
 * <p>Keyed by cgroup path. A cgroup seen for the first time, or whose counter went down (removed and recreated
 * under the same name), has no delta: null, never a negative or a whole history counted as new. Paths not seen in
 * a sweep are forgotten at {@link #endSweep}, so the state is bounded by the number of live limited cgroups.
 */
final class OomDeltas {

  /** Deltas of one cgroup; each null when unknown. */
  record Delta(Long oomKills, Long oomEvents) {}

  private Map<String, Counters> previous = new HashMap<>();
  private Map<String, Counters> current = new HashMap<>();

  /** The deltas of {@code path} since the last sweep it was seen in, and remembers the new counters. */
  Delta next(String path, Long oomKills, Long oomEvents) {
    Counters before = previous.get(path);
    current.put(path, new Counters(oomKills, oomEvents));
    return before == null ? new Delta(null, null)
        : new Delta(delta(before.oomKills(), oomKills), delta(before.oomEvents(), oomEvents));
  }

  /** Makes this sweep's counters the baseline of the next and drops the cgroups that were not seen. */
  void endSweep() {
    previous = current;
    current = new HashMap<>();
  }

  static Long delta(Long before, Long now) {
    return before == null || now == null || now < before ? null : now - before;
  }

  private record Counters(Long oomKills, Long oomEvents) {}
}
