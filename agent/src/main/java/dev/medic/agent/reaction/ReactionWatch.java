package dev.medic.agent.reaction;

import dev.medic.engine.journal.CrossingEvent;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.Decision;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.notify.CgroupEventControl;
import dev.medic.probes.notify.Crossing;
import dev.medic.probes.notify.CrossingNotifier;
import dev.medic.probes.notify.UsagePoller;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Arms a crossing notifier on every memory cgroup with a limit (v1: a threshold eventfd at {@code percent} of the
 * limit, which costs nothing until it fires; v2: the {@link UsagePoller} on the scopes already past half their
 * limit, v2 having no usage thresholds) and takes the fast path when one fires: the out-of-turn sweep is asked for
 * first (it runs on the engine's worker while this thread captures), the largest process of the scope is captured
 * in-process, and a {@code crossing} event journals both times. One daemon thread per armed v1 scope, at most
 * {@link #MAX_SCOPES}; a scope reacts at most once per {@link #COOLDOWN_NANOS}. Scopes come from the sweeps'
 * {@code cgroup} facts ({@link #observe}), so a new container is armed within one sweep.
 */
public final class ReactionWatch implements AutoCloseable {

  /** A crossing is 80 % of a limit: at 500 MB/s into 1 GiB, about 400 ms before the kernel's OOM killer. */
  public static final double DEFAULT_PERCENT = 80;
  static final int MAX_SCOPES = 32;
  static final long COOLDOWN_NANOS = TimeUnit.SECONDS.toNanos(10);
  static final int POLL_MILLIS = 20;
  /** v2 scopes past this share of their limit are polled. */
  static final double POLL_FROM_PERCENT = 50;

  private final Path hierarchy;
  private final int version;
  private final double percent;
  private final Journal journal;
  private final Path evidenceRoot;
  private final Supplier<CompletableFuture<List<Decision>>> sweepNow;
  private final TopProcessEvidence evidence;
  private final Map<String, Armed> armed = new ConcurrentHashMap<>();
  private final Map<String, Long> lastReaction = new ConcurrentHashMap<>();
  /** Scopes the kernel refused a notifier for: not retried every sweep, the error would only repeat. */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private List<UsagePoller.Watched> polling = List.of();
  private volatile boolean closed;

  /** One armed notifier and the thread waiting on it. */
  private record Armed(CrossingNotifier notifier, Thread thread, long limit) {}

  /**
   * @param hierarchy the memory hierarchy's root directory
   * @param version its cgroup version, 1 or 2
   * @param percent the share of a limit that counts as a crossing
   * @param sweepNow asks the runtime for a sweep through the engine now
   */
  public ReactionWatch(Path hierarchy, int version, double percent, TopProcessEvidence evidence, Path evidenceRoot,
      Journal journal, Supplier<CompletableFuture<List<Decision>>> sweepNow) {
    if (percent <= 0 || percent >= 100) {
      throw new IllegalArgumentException("a crossing threshold is a share of the limit, 0 < percent < 100");
    }
    this.hierarchy = hierarchy;
    this.version = version;
    this.percent = percent;
    this.evidence = evidence;
    this.evidenceRoot = evidenceRoot;
    this.journal = journal;
    this.sweepNow = sweepNow;
  }

  /** The scopes armed now. */
  public Set<String> armedScopes() {
    return Set.copyOf(armed.keySet());
  }

  /** Arms the limited scopes of this sweep not yet armed, and disarms those gone or whose limit changed. */
  public void observe(List<Fact> facts) {
    if (closed) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>();
    List<UsagePoller.Watched> polled = new ArrayList<>();
    for (Fact fact : facts) {
      if (!(fact instanceof CgroupSample cg) || cg.limit() == null || "/".equals(cg.path())) {
        continue;
      }
      seen.add(cg.path());
      long threshold = (long) (cg.limit() * percent / 100);
      if (version == 1) {
        Armed current = armed.get(cg.path());
        if (current != null && current.limit() != cg.limit()) {
          disarm(cg.path());
          current = null;
        }
        if (current == null && armed.size() < MAX_SCOPES && !refused.contains(cg.path())) {
          arm(cg.path(), cg.limit(), threshold);
        }
      } else if (cg.usagePercent() != null && cg.usagePercent() >= POLL_FROM_PERCENT && polled.size() < MAX_SCOPES) {
        polled.add(new UsagePoller.Watched(cg.path(), dir(cg.path()).resolve("memory.current"), threshold));
      }
    }
    for (String scope : List.copyOf(armed.keySet())) {
      if (!seen.contains(scope) && !UsagePoller.SOURCE.equals(scope)) {
        disarm(scope);
      }
    }
    if (version == 2 && !polled.equals(polling)) { // a new poller only when the set changed: it keeps edge state
      polling = List.copyOf(polled);
      disarm(UsagePoller.SOURCE);
      if (!polled.isEmpty()) {
        start(UsagePoller.SOURCE, new UsagePoller(polled, POLL_MILLIS), 0);
      }
    }
  }

  private Path dir(String scope) {
    return hierarchy.resolve(scope.substring(1));
  }

  private void arm(String scope, long limit, long threshold) {
    try {
      start(scope, CgroupEventControl.arm(dir(scope), scope, threshold), limit);
    } catch (IOException e) {
      journal.write(ErrorEvent.of(System.currentTimeMillis(), "cannot arm a crossing notifier: " + e.getMessage()));
      refused.add(scope);
    }
  }

  private void start(String key, CrossingNotifier notifier, long limit) {
    Thread thread = new Thread(() -> listen(key, notifier), "medic-crossing");
    thread.setDaemon(true);
    armed.put(key, new Armed(notifier, thread, limit));
    thread.start();
  }

  /** Runs on the notifier's own thread, which alone closes it (an eventfd closed under a poll could be reused). */
  private void listen(String key, CrossingNotifier notifier) {
    try (notifier) {
      while (!closed && isArmed(key, notifier)) {
        Optional<Crossing> crossing = notifier.await(1000);
        if (crossing.isPresent()) {
          react(crossing.get());
        }
      }
    } catch (IOException e) {
      // the cgroup was removed: the next sweep no longer lists it and disarms it
    } catch (RuntimeException e) {
      journal.write(ErrorEvent.of(System.currentTimeMillis(), "crossing notifier failed: " + e));
    } finally {
      armed.computeIfPresent(key, (k, a) -> a.notifier() == notifier ? null : a); // re-armed by a later sweep
    }
  }

  private boolean isArmed(String key, CrossingNotifier notifier) {
    Armed a = armed.get(key);
    return a != null && a.notifier() == notifier;
  }

  /** The fast path: the sweep asked for first, the evidence taken meanwhile, both times journalled. */
  void react(Crossing crossing) {
    Long last = lastReaction.get(crossing.scope());
    if (last != null && crossing.nanos() - last < COOLDOWN_NANOS) {
      return;
    }
    lastReaction.put(crossing.scope(), crossing.nanos());
    CompletableFuture<List<Decision>> decided = sweepNow.get();
    CompletableFuture<Long> decidedAt = decided.thenApply(d -> System.nanoTime());
    Optional<TopProcessEvidence.Captured> captured = Optional.empty();
    String folder = "crossing-" + Instant.ofEpochMilli(crossing.wallMillis()) + "-"
        + crossing.scope().replaceAll("[^A-Za-z0-9._-]", "_");
    try {
      captured = evidence.capture(dir(crossing.scope()), evidenceRoot.resolve(folder));
    } catch (IOException e) {
      journal.write(ErrorEvent.of(System.currentTimeMillis(), "crossing evidence of " + crossing.scope()
          + " failed: " + e.getMessage()));
    }
    List<String> incidents = List.of();
    Long decisionMs = null;
    try {
      List<Decision> decisions = decided.get(10, TimeUnit.SECONDS);
      decisionMs = TimeUnit.NANOSECONDS.toMillis(decidedAt.get() - crossing.nanos());
      incidents = decisions.stream().map(Decision::incident).distinct().toList();
    } catch (Exception e) {
      // the sweep did not finish in time (or the agent is stopping): the event says so by leaving decisionMs out
    }
    journal.write(new CrossingEvent(crossing.wallMillis(), crossing.source(), crossing.scope(), crossing.usage(),
        crossing.threshold(), captured.map(TopProcessEvidence.Captured::pid).orElse(null),
        captured.map(TopProcessEvidence.Captured::comm).orElse(null),
        captured.map(c -> c.files().stream().map(p -> p.toAbsolutePath().toString()).toList()).orElse(List.of()),
        captured.map(c -> TimeUnit.NANOSECONDS.toMillis(c.doneNanos() - crossing.nanos())).orElse(null),
        decisionMs, incidents));
  }

  /** Its thread sees it is no longer armed within one await (a second) and closes the notifier. */
  private void disarm(String key) {
    armed.remove(key);
  }

  /** Disarms every scope and waits for the notifier threads to close their descriptors. */
  @Override
  public void close() {
    closed = true;
    List<Armed> all = List.copyOf(armed.values());
    armed.clear();
    for (Armed a : all) {
      try {
        a.thread().join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
