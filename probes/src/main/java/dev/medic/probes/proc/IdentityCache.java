package dev.medic.probes.proc;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Values of per-process files that need not be read every sweep ({@code cmdline}, {@code limits}: not among the
 * fields the issue requires fresh), kept per process identity and reused for at most {@code maxAgeMillis}.
 *
 * <p>The identity is the pid and the process's start time (stat starttime), which together name one process for
 * its whole life: a new process that reuses the pid has another start time and is never served the old value. An
 * exec keeps both but changes comm, so a changed comm also misses. What can be stale, for at most the age bound: a
 * process rewriting its own argv (setproctitle) or having its limits changed by prlimit.
 */
final class IdentityCache<V> {

  private record Entry<V>(long start, String comm, long readAt, V value) {}

  private final long maxAgeMillis;
  private final Map<Integer, Entry<V>> entries = new HashMap<>();

  IdentityCache(long maxAgeMillis) {
    this.maxAgeMillis = maxAgeMillis;
  }

  /**
   * The value read for this process less than the age bound before {@code now} (the sweep's timestamp); null when
   * there is none, it is older, it belongs to another process with this pid, or the clock went back.
   */
  V get(int pid, Long start, String comm, long now) {
    Entry<V> e = entries.get(pid);
    if (e == null || start == null || e.start() != start || !e.comm().equals(comm) || now < e.readAt()
        || now - e.readAt() >= maxAgeMillis) {
      return null;
    }
    return e.value();
  }

  /** Keeps {@code value}, read at {@code now}; a process without a known start time is not kept. */
  void put(int pid, Long start, String comm, long now, V value) {
    if (start == null) {
      entries.remove(pid);
    } else {
      entries.put(pid, new Entry<>(start, comm, now, value));
    }
  }

  /** Forgets the pids not in {@code pids} (exited processes), so the cache does not grow with pid churn. */
  void retain(Set<Integer> pids) {
    entries.keySet().retainAll(pids);
  }
}
