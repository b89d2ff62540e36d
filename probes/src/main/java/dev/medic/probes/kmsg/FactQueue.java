package dev.medic.probes.kmsg;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.AlertFact;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.KernelEvent;
import dev.medic.probes.facts.OomKill;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The facts read from the kernel log and not yet delivered to a sweep: bounded (a log storm must not grow the heap;
 * the oldest fact is dropped and counted as a skipped record), thread-safe (the reader thread adds, the sweep
 * drains), and the place where a late {@code oom_reaper} line can still mark its kill as reaped. Also the inbox of
 * facts pushed to the agent from outside (Alertmanager's alerts), which reach the sweeps the same way
 * ({@link dev.medic.probes.ProbeSweep#withInbox}).
 */
public final class FactQueue {

  private final int capacity;
  private final ProbeMetrics metrics;
  /** One-element arrays so that markReaped can replace a kill in place. */
  private final ArrayDeque<Fact[]> facts = new ArrayDeque<>();

  public FactQueue(int capacity, ProbeMetrics metrics) {
    this.capacity = capacity;
    this.metrics = metrics;
  }

  public synchronized void add(Fact fact) {
    if (facts.size() >= capacity) {
      facts.removeFirst();
      metrics.countSkippedRecord();
    }
    facts.addLast(new Fact[] {fact});
  }

  /**
   * Sets {@code reaped} on the newest queued, unreaped kill of {@code pid}; false when it was drained already (or
   * never seen), in which case the reaper line is only counted by the caller.
   */
  synchronized boolean markReaped(int pid) {
    for (Iterator<Fact[]> it = facts.descendingIterator(); it.hasNext(); ) {
      Fact[] slot = it.next();
      if (slot[0] instanceof OomKill k && k.pid() == pid && !k.reaped()) {
        slot[0] = copy(k, k.timestamp(), true);
        return true;
      }
    }
    return false;
  }

  public synchronized int size() {
    return facts.size();
  }

  /** Everything queued, oldest first, stamped with the sweep's {@code timestamp}; the queue is left empty. */
  public synchronized List<Fact> drain(long timestamp) {
    List<Fact> out = new ArrayList<>(facts.size());
    for (Fact[] slot : facts) {
      out.add(restamp(slot[0], timestamp));
    }
    facts.clear();
    return out;
  }

  static Fact restamp(Fact fact, long timestamp) {
    if (fact instanceof OomKill k) {
      return copy(k, timestamp, k.reaped());
    }
    if (fact instanceof KernelEvent e) {
      return new KernelEvent(timestamp, e.kernelTime(), e.kind(), e.priority(), e.message());
    }
    if (fact instanceof AlertFact a) {
      return a.at(timestamp);
    }
    throw new IllegalArgumentException("not a queued fact: " + fact.type());
  }

  private static OomKill copy(OomKill k, long timestamp, boolean reaped) {
    return new OomKill(timestamp, k.kernelTime(), k.pid(), k.comm(), k.uid(), k.anonRss(), k.fileRss(),
        k.shmemRss(), k.oomScoreAdj(), k.invoker(), k.constraint(), k.global(), k.oomCgroup(), k.taskCgroup(),
        reaped);
  }
}
