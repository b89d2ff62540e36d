package dev.medic.agent;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionRegistry;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.engine.exec.ActionExecutor;
import dev.medic.engine.exec.ActionHooks;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs allowed actions for real, one plan at a time on a worker thread (captures of one incident run in order,
 * and a slow {@code pmap} never holds up the rules).
 *
 * <p>Every action the gates passed ends in exactly one journalled {@code action} event: {@code ok},
 * {@code failed}, {@code timed_out}, {@code target_gone}, or {@code dropped} with the reason. Dropped means it
 * never ran: the queue of waiting plans was full ({@value #QUEUE} plans: a flood of forged or real incidents must
 * not grow memory without bound), the agent was stopping, or the stop deadline passed before it started (or while
 * it ran: its late result is then discarded, the journal already says dropped). An action that throws is caught,
 * counted and journalled: it never kills the agent.
 */
public final class LiveExecutor implements ActionExecutor {

  /** Plans waiting for the worker, at most; one more is dropped with its actions. */
  static final int QUEUE = 64;
  static final String DROPPED = "dropped";

  private final ActionRegistry registry;
  private final HostRoot host;
  private final Path evidenceRoot;
  private final Duration timeout;
  private final Journal journal;
  private final ThreadPoolExecutor worker;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final MedicMetrics metrics;
  private volatile Job running;
  private volatile ActionHooks hooks = ActionHooks.NONE;

  public LiveExecutor(ActionRegistry registry, HostRoot host, Path evidenceRoot, Duration timeout, Journal journal,
      MedicMetrics metrics) {
    this(registry, host, evidenceRoot, timeout, journal, metrics, QUEUE);
  }

  LiveExecutor(ActionRegistry registry, HostRoot host, Path evidenceRoot, Duration timeout, Journal journal,
      MedicMetrics metrics, int queue) {
    this.metrics = metrics;
    this.registry = registry;
    this.host = host;
    this.evidenceRoot = evidenceRoot;
    this.timeout = timeout;
    this.journal = journal;
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "medic-actions");
      t.setDaemon(true);
      return t;
    }, (r, pool) -> ((Job) r).dropAll(pool.isShutdown() ? "the agent is stopping"
        : "the action queue is full (" + queue + " plans waiting)"));
  }

  /** Asked before each action starts and told its outcome (the fleet gate); {@link ActionHooks#NONE} alone. */
  public void hooks(ActionHooks newHooks) {
    this.hooks = newHooks;
  }

  @Override
  public void submit(Plan plan, List<PlannedAction> allowed) {
    if (!allowed.isEmpty()) {
      worker.execute(new Job(plan, allowed)); // a full queue or a stopped worker: dropAll, journalled
    }
  }

  /** One plan's allowed actions; each one's outcome is claimed exactly once, by the worker or by a drop. */
  private final class Job implements Runnable {
    private final Plan plan;
    private final List<PlannedAction> actions;
    private final AtomicBoolean[] claimed;
    private volatile boolean stop;

    Job(Plan plan, List<PlannedAction> actions) {
      this.plan = plan;
      this.actions = List.copyOf(actions);
      this.claimed = new AtomicBoolean[actions.size()];
      for (int i = 0; i < claimed.length; i++) {
        claimed[i] = new AtomicBoolean();
      }
    }

    @Override
    public void run() {
      running = this;
      try {
        runAll();
      } finally {
        running = null;
      }
    }

    private void runAll() {
      EvidenceBundle bundle;
      try {
        bundle = EvidenceBundle.open(evidenceRoot, plan.incident());
      } catch (IOException | RuntimeException e) {
        for (int i = 0; i < actions.size(); i++) { // each counted as a failure by outcome()
          outcome(i, ActionResult.failed("cannot create the evidence folder: " + e.getMessage()), null, 0);
        }
        return;
      }
      for (int i = 0; i < actions.size(); i++) {
        if (stop || claimed[i].get()) {
          return; // the rest were claimed as dropped by the stop
        }
        java.util.Optional<String> veto = hooks.beforeStart(plan, actions.get(i));
        if (veto.isPresent()) { // a permit that ended, or a session that could expire before the action's timeout
          if (claimed[i].compareAndSet(false, true)) {
            write(i, "skipped", "not started: " + veto.get(), List.of(), 0);
          }
          continue;
        }
        long start = System.nanoTime();
        ActionResult result = run(actions.get(i), bundle);
        outcome(i, result, bundle, (System.nanoTime() - start) / 1_000_000);
      }
    }

    void dropAll(String reason) {
      stop = true;
      for (int i = 0; i < actions.size(); i++) {
        if (claimed[i].compareAndSet(false, true)) {
          dropped.incrementAndGet();
          write(i, DROPPED, "not run: " + reason, List.of(), 0);
        }
      }
    }

    private void outcome(int i, ActionResult result, EvidenceBundle bundle, long tookMs) {
      if (!claimed[i].compareAndSet(false, true)) {
        return; // the stop deadline already journalled it as dropped
      }
      if (result.status() == ActionResult.Status.FAILED || result.status() == ActionResult.Status.TIMED_OUT) {
        failures.incrementAndGet(); // a restart_unit that failed is a failure, whatever made it fail
      }
      List<String> evidence = bundle == null ? List.of()
          : result.evidence().stream().map(f -> bundle.dir().resolve(f).toString()).toList();
      write(i, result.status().name().toLowerCase(Locale.ROOT), result.detail(), evidence, tookMs);
    }

    private void write(int i, String status, String detail, List<String> evidence, long tookMs) {
      PlannedAction a = actions.get(i);
      try {
        metrics.action(a.action(), status, tookMs * 1_000_000);
        journal.write(new ActionEvent(plan.timestamp(), System.currentTimeMillis(), plan.incident(),
            plan.runbook(), plan.target().pid(), a.action(), status, detail, evidence, tookMs));
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        System.err.println("medic: cannot journal the outcome of " + a.action() + ": " + e.getMessage());
      }
      hooks.finished(plan, a, status); // every outcome, written once, ends the action for the fleet too
    }

    private ActionResult run(PlannedAction a, EvidenceBundle bundle) {
      Action action = registry.find(a.action()).orElse(null);
      if (action == null) {
        return ActionResult.failed("unknown action " + a.action());
      }
      try {
        List<String> problems = action.validate(a.params());
        if (!problems.isEmpty()) { // parameters filled from the plan ({{process.unit}}) are checked only now
          return ActionResult.failed("bad parameters: " + String.join("; ", problems));
        }
        // the start time lets host-changing actions tell the planned process from a later one with the same pid
        return action.run(new ActionContext(plan.target().pid(), host, a.params(), bundle, timeout,
            plan.target().startTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ActionResult.failed("interrupted");
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        return ActionResult.failed("action failed: " + e);
      }
    }
  }

  /** Actions that ended failed or timed out (an evidence folder that could not be made fails each action). */
  public long failures() {
    return failures.get();
  }

  /** Actions journalled as {@code dropped}. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Stops taking plans, lets queued ones run until the deadline, then journals every action that has not ended
   * as {@code dropped} (the one running included: its result, if it comes, is discarded).
   */
  @Override
  public void drain(long millis) throws InterruptedException {
    worker.shutdown();
    if (worker.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
      return;
    }
    Job current = running;
    if (current != null) { // claimed first, so the worker starts none of its remaining actions
      current.dropAll("the agent stopped while it ran or waited (stop deadline " + millis + " ms)");
    }
    for (Runnable r : worker.shutdownNow()) {
      ((Job) r).dropAll("the agent stopped before it started (stop deadline " + millis + " ms)");
    }
    worker.awaitTermination(1, TimeUnit.SECONDS);
  }
}
