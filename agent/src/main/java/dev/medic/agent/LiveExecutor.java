package dev.medic.agent;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionRegistry;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.exec.ActionExecutor;
import dev.medic.engine.exec.ActionHooks;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs allowed actions for real, one plan at a time on a worker thread (captures of one incident run in order,
 * and a slow {@code pmap} never holds up the rules). Each action's outcome is journalled with its evidence paths.
 * An action that throws is caught, counted and journalled: it never kills the agent.
 */
public final class LiveExecutor implements ActionExecutor {

  private final ActionRegistry registry;
  private final HostRoot host;
  private final Path evidenceRoot;
  private final Duration timeout;
  private final Journal journal;
  private final ExecutorService worker;
  private final AtomicLong failures = new AtomicLong();
  private final MedicMetrics metrics;
  private volatile ActionHooks hooks = ActionHooks.NONE;

  public LiveExecutor(ActionRegistry registry, HostRoot host, Path evidenceRoot, Duration timeout, Journal journal,
      MedicMetrics metrics) {
    this.metrics = metrics;
    this.registry = registry;
    this.host = host;
    this.evidenceRoot = evidenceRoot;
    this.timeout = timeout;
    this.journal = journal;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "medic-actions");
      t.setDaemon(true);
      return t;
    });
  }

  /** Asked before each action starts and told its outcome (the fleet gate); {@link ActionHooks#NONE} alone. */
  public void hooks(ActionHooks newHooks) {
    this.hooks = newHooks;
  }

  @Override
  public void submit(Plan plan, List<PlannedAction> allowed) {
    if (!allowed.isEmpty()) {
      worker.execute(() -> runAll(plan, allowed));
    }
  }

  private void runAll(Plan plan, List<PlannedAction> allowed) {
    EvidenceBundle bundle;
    try {
      bundle = EvidenceBundle.open(evidenceRoot.resolve(plan.incident()));
    } catch (IOException e) {
      failures.incrementAndGet();
      journal.write(new ErrorEvent(System.currentTimeMillis(), plan.incident(), "cannot create evidence folder: " + e));
      allowed.forEach(a -> hooks.finished(plan, a, "skipped"));
      return;
    }
    for (PlannedAction a : allowed) {
      java.util.Optional<String> veto = hooks.beforeStart(plan, a);
      if (veto.isPresent()) { // a permit that ended, or a session that could expire before the action's timeout
        journal.write(new ActionEvent(plan.timestamp(), System.currentTimeMillis(), plan.incident(), plan.runbook(),
            plan.target().pid(), a.action(), "skipped", "not started: " + veto.get(), List.of(), 0));
        hooks.finished(plan, a, "skipped");
        continue;
      }
      long start = System.nanoTime();
      ActionResult result = run(plan, a, bundle);
      if (result.status() == ActionResult.Status.FAILED || result.status() == ActionResult.Status.TIMED_OUT) {
        failures.incrementAndGet(); // a restart_unit that failed is a failure, whatever made it fail
      }
      metrics.action(a.action(), result.status().name(), System.nanoTime() - start);
      journal.write(new ActionEvent(plan.timestamp(), System.currentTimeMillis(), plan.incident(), plan.runbook(),
          plan.target().pid(), a.action(), result.status().name().toLowerCase(java.util.Locale.ROOT),
          result.detail(), result.evidence().stream().map(f -> bundle.dir().resolve(f).toString()).toList(),
          (System.nanoTime() - start) / 1_000_000));
      hooks.finished(plan, a, result.status().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private ActionResult run(Plan plan, PlannedAction a, EvidenceBundle bundle) {
    Action action = registry.find(a.action()).orElse(null);
    if (action == null) {
      return ActionResult.failed("unknown action " + a.action());
    }
    List<String> problems = action.validate(a.params());
    if (!problems.isEmpty()) { // parameters filled from the plan ({{process.unit}}) are checked only now
      return ActionResult.failed("bad parameters: " + String.join("; ", problems));
    }
    try {
      // the start time lets host-changing actions tell the planned process from a later one with the same pid
      return action.run(new ActionContext(plan.target().pid(), host, a.params(), bundle, timeout,
          plan.target().startTime()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ActionResult.failed("interrupted");
    } catch (RuntimeException e) {
      return ActionResult.failed("action failed: " + e);
    }
  }

  /** Actions that ended failed or timed out, and plans whose evidence folder could not be made. */
  public long failures() {
    return failures.get();
  }

  @Override
  public void drain(long millis) throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }
}
