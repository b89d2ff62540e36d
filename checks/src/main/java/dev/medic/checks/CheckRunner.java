package dev.medic.checks;

import dev.medic.probes.facts.CheckSample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured checks on their intervals, off any event loop and off the sweep: a timer thread starts each
 * check when it is due, a small bounded pool runs it (a check whose {@code netns} is not {@code host} runs on that
 * namespace's thread, since a socket belongs to the namespace of the thread that creates it), and a watchdog cuts
 * every attempt at its timeout (closing its sockets, killing its ping, interrupting its thread) and reports it as
 * the phase's {@code …_timeout}. Results wait in a bounded queue (the oldest dropped and counted) until a sweep
 * {@link #drain}s them; nothing here blocks the caller.
 *
 * <p>A check still running when it is due again is not started twice (the tick is counted as skipped), and neither
 * is one the pool has no room for. A thread stuck where nothing can cut it (the system resolver's getaddrinfo) keeps
 * its slot until the call returns, but its fact is delivered at the timeout all the same.
 */
public final class CheckRunner implements AutoCloseable {

  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int DEFAULT_QUEUE = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

  private final List<CheckSpec> specs;
  private final CheckRegistry registry;
  private final Namespaces namespaces;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor pool;
  private final ArrayBlockingQueue<CheckSample> results;
  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile boolean started;

  /** The built-in kinds, {@value #DEFAULT_CONCURRENCY} at a time, {@value #DEFAULT_QUEUE} results queued. */
  public CheckRunner(List<CheckSpec> specs, Namespaces namespaces) {
    this(specs, CheckRegistry.builtin(), namespaces, DEFAULT_CONCURRENCY, DEFAULT_QUEUE);
  }

  /**
   * @param namespaces where checks with a {@code netns} other than {@code host} run
   * @param concurrency at most this many attempts at once on the pool
   * @param queueCapacity results kept for the next drain; beyond it the oldest is dropped and counted
   */
  public CheckRunner(List<CheckSpec> specs, CheckRegistry registry, Namespaces namespaces, int concurrency,
      int queueCapacity) {
    if (concurrency < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("concurrency and queue capacity must be at least 1");
    }
    this.specs = List.copyOf(specs);
    this.registry = registry;
    this.namespaces = namespaces;
    this.timer = new ScheduledThreadPoolExecutor(1, daemons("medic-check-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.pool = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(16, this.specs.size())), daemons("medic-check"));
    this.pool.allowCoreThreadTimeOut(true);
    this.results = new ArrayBlockingQueue<>(queueCapacity);
  }

  /** Schedules every check at its interval, spread over the first interval so they do not all start at once. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    for (int i = 0; i < specs.size(); i++) {
      CheckSpec spec = specs.get(i);
      long period = spec.interval().toMillis();
      long offset = period * i / Math.max(1, specs.size());
      timer.scheduleAtFixedRate(() -> due(spec), offset, period, TimeUnit.MILLISECONDS);
    }
  }

  private void due(CheckSpec spec) {
    AtomicBoolean busy = running.computeIfAbsent(spec.name(), n -> new AtomicBoolean());
    if (!busy.compareAndSet(false, true)) {
      skipped.incrementAndGet();
      return;
    }
    try {
      pool.execute(() -> {
        try {
          // inline on this pool thread (or queued on the namespace's); each fact is queued as soon as it is known,
          // at the timeout if the thread is stuck, and the check is due again only once all its attempts ended
          List<CompletableFuture<CheckSample>> attempts = attempts(spec, null);
          attempts.forEach(f -> f.thenAccept(this::offer));
          CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
              .whenComplete((x, e) -> busy.set(false));
        } catch (RuntimeException e) {
          LOG.warn("check {}: {}", spec.name(), e.toString());
          busy.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      busy.set(false);
      skipped.incrementAndGet();
    }
  }

  private void offer(CheckSample sample) {
    while (!results.offer(sample)) {
      if (results.poll() != null) {
        dropped.incrementAndGet();
      }
    }
  }

  /** Every queued result, oldest first, stamped with the sweep's {@code timestamp}; the queue is left empty. */
  public List<CheckSample> drain(long timestamp) {
    List<CheckSample> out = new ArrayList<>(results.size());
    results.drainTo(out);
    out.replaceAll(s -> s.at(timestamp));
    return out;
  }

  /**
   * Runs one check now and waits for it: one fact per target, each within the check's timeout (the wait ends at
   * the timeout even when the check's thread cannot be cut). For one-shot use ({@code medic diagnose}); the facts
   * are not queued and need no {@link #start}.
   */
  public List<CheckSample> runOnce(CheckSpec spec) {
    return attempts(spec, pool).stream().map(CompletableFuture::join).toList();
  }

  /** Results dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Ticks not run: the check was still running, or the pool had no room. */
  public long skipped() {
    return skipped.get();
  }

  /** The attempts of one run of {@code spec}, one per target, run one after the other (inline when null). */
  private List<CompletableFuture<CheckSample>> attempts(CheckSpec spec, Executor hostExecutor) {
    Check check = registry.check(spec);
    List<String> targets = check.targets(spec);
    if (targets.isEmpty()) {
      Attempt a = new Attempt(spec.name(), spec.kind(), spec.netns(), spec.timeout().toMillis());
      a.begin(Phase.QUERY);
      a.fail(ErrorKind.DNS_UNREACHABLE, "the resolver has no nameserver");
      a.seal();
      return List.of(CompletableFuture.completedFuture(sample(a)));
    }
    List<CompletableFuture<CheckSample>> out = new ArrayList<>(targets.size());
    for (String target : targets) {
      String name = target.isEmpty() ? spec.name() : spec.name() + "@" + target;
      Attempt a = new Attempt(name, spec.kind(), spec.netns(), spec.timeout().toMillis());
      CompletableFuture<CheckSample> f = attempt(spec, check, target, a, hostExecutor);
      out.add(f);
      if (hostExecutor != null) {
        f.join(); // one target at a time, as inline
      }
    }
    return out;
  }

  /**
   * One attempt where its namespace says (the host's inline when {@code hostExecutor} is null), cut by the
   * watchdog {@code timeout} after it began, or given up when it could not begin within its interval; the future
   * completes at the latest then.
   */
  private CompletableFuture<CheckSample> attempt(CheckSpec spec, Check check, String target, Attempt a,
      Executor hostExecutor) {
    CompletableFuture<Attempt> done = new CompletableFuture<>();
    AtomicReference<ScheduledFuture<?>> watchdog = new AtomicReference<>();
    AtomicReference<FutureTask<Void>> self = new AtomicReference<>();
    Runnable cut = () -> {
      a.cancel();
      if (a.seal()) {
        done.complete(a);
      }
      self.get().cancel(true);
    };
    FutureTask<Void> task = new FutureTask<>(() -> {
      if (!a.start()) {
        return null;
      }
      watchdog.set(timer.schedule(cut, spec.timeout().toMillis(), TimeUnit.MILLISECONDS));
      try {
        check.run(spec, target, a);
      } catch (Attempt.Failure f) {
        // recorded in the attempt
      } catch (InterruptedException e) {
        a.cancel();
      } catch (RuntimeException e) {
        a.fail(ErrorKind.CHECK_FAILED, e.toString());
        LOG.debug("check {} failed unexpectedly", spec.name(), e);
      } finally {
        a.closeResources();
        if (a.seal()) {
          done.complete(a);
        }
      }
      return null;
    });
    self.set(task);
    inFlight.add(a);
    ScheduledFuture<?> startDeadline = timer.schedule(() -> {
      if (a.abandonUnstarted()) {
        done.complete(a);
        task.cancel(false);
      }
    }, spec.interval().toMillis(), TimeUnit.MILLISECONDS);
    CompletableFuture<CheckSample> result = done.thenApply(this::sample);
    done.whenComplete((x, e) -> {
      startDeadline.cancel(false);
      ScheduledFuture<?> w = watchdog.get();
      if (w != null) {
        w.cancel(false);
      }
      inFlight.remove(a);
    });
    try {
      Executor where = namespaces.executor(spec.netns());
      a.netns = namespaces.id(spec.netns());
      if (where == null && hostExecutor == null) {
        task.run();
        Thread.interrupted(); // a cancel(true) that landed after the check ended must not reach the next one
      } else {
        (where == null ? hostExecutor : where).execute(task);
      }
    } catch (IOException e) {
      a.fail(ErrorKind.NETNS_UNAVAILABLE, e.getMessage());
      LOG.warn("check {}: netns {}: {}", spec.name(), spec.netns(), e.getMessage());
      if (a.seal()) {
        done.complete(a);
      }
    } catch (RejectedExecutionException e) {
      a.fail(ErrorKind.CHECK_FAILED, "no thread to run it: " + e.getMessage());
      if (a.seal()) {
        done.complete(a);
      }
    }
    return result;
  }

  private CheckSample sample(Attempt a) {
    AtomicInteger count = failures.computeIfAbsent(a.name(), n -> new AtomicInteger());
    int n = a.failed() ? count.incrementAndGet() : 0;
    if (!a.failed()) {
      count.set(0);
    }
    return a.toSample(System.currentTimeMillis(), n);
  }

  /** Stops the timer and the pool and cuts the attempts in flight. */
  @Override
  public void close() {
    timer.shutdownNow();
    pool.shutdownNow();
    inFlight.forEach(Attempt::cancel);
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
