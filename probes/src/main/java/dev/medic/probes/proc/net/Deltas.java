package dev.medic.probes.proc.net;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Counters since boot turned into increases since the previous sweep, per key (a namespace, an interface). All of
 * one key's increases are null on its first sweep and when any of its counters went backwards (a namespace or
 * device re-created under the same key); a counter absent in either sweep is null alone. Not thread-safe: one
 * sweep at a time.
 */
final class Deltas {

  private final Map<String, Long[]> previous = new HashMap<>();

  /** The increases of {@code now} over the previous call for {@code key}, same order and length. */
  Long[] next(String key, Long[] now) {
    Long[] prev = previous.put(key, now.clone());
    Long[] delta = new Long[now.length];
    if (prev == null || prev.length != now.length) {
      return delta;
    }
    for (int i = 0; i < now.length; i++) {
      if (prev[i] != null && now[i] != null) {
        if (now[i] < prev[i]) {
          Arrays.fill(delta, null);
          return delta;
        }
        delta[i] = now[i] - prev[i];
      }
    }
    return delta;
  }

  /** The keys with a previous sweep. */
  Set<String> keys() {
    return Set.copyOf(previous.keySet());
  }

  /** Forgets the keys not in {@code seen} (namespaces or interfaces that are gone). */
  void retain(Set<String> seen) {
    previous.keySet().retainAll(seen);
  }

  /** 100 × part / whole, clamped to 0..100; null when either is unknown or whole is below {@code minWhole}. */
  static Double percent(Long part, Long whole, long minWhole) {
    if (part == null || whole == null || whole < minWhole || whole <= 0) {
      return null;
    }
    return Math.max(0.0, Math.min(100.0, 100.0 * part / whole));
  }
}
