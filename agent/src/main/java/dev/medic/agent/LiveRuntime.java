package dev.medic.agent;

import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runtime.Engine;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The live agent: Vert.x drives probe sweeps on a timer, and every sweep's facts go through the {@link Engine} on
 * one worker context, so the Drools session is only ever touched by one thread at a time and blocking /proc reads
 * never run on an event loop. A sweep or engine error is counted and journalled; the agent keeps going.
 */
public final class LiveRuntime implements AutoCloseable {

  /** Told about every sweep (the recorder) and every decision (the console). */
  public interface Listener {
    default void sweep(long timestamp, List<Fact> facts) {}

    default void decisions(List<Decision> decisions) {}
  }

  private final Vertx vertx = Vertx.vertx();
  private final ProbeSweep probes;
  private final Journal journal;
  private final Listener listener;
  private final LongSupplier clock;
  private final MedicMetrics metrics;
  private volatile Context loopContext;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong sweeps = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile String deployment;
  private volatile Engine engine;

  /**
   * Starts sweeping now. {@code engine} may be null for a run that only records.
   *
   * @param clock epoch milliseconds; the wall clock live
   */
  public LiveRuntime(ProbeSweep probes, Engine engine, Duration interval, Journal journal, Listener listener,
      LongSupplier clock, MedicMetrics metrics) {
    this.probes = probes;
    this.engine = engine;
    this.journal = journal;
    this.listener = listener;
    this.clock = clock;
    this.metrics = metrics;
    AbstractVerticle loop = new AbstractVerticle() {
      private long timer = -1;
      private volatile boolean running = true;

      @Override
      public void start() {
        loopContext = context;
        tick();
      }

      private void tick() {
        if (!running) {
          return;
        }
        long started = System.nanoTime();
        sweepOnce(false);
        metrics.sweepTook(System.nanoTime() - started);
        // schedule from the end of this sweep, so a slow sweep delays the next one instead of piling up
        long spent = (System.nanoTime() - started) / 1_000_000;
        timer = vertx.setTimer(Math.max(1, interval.toMillis() - spent), id -> tick());
      }

      @Override
      public void stop() {
        running = false;
        vertx.cancelTimer(timer);
      }
    };
    try {
      deployment = vertx.deployVerticle(loop, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("cannot start the engine loop: " + e, e);
    }
  }

  /**
   * Swaps the engine between two sweeps (a reload) and closes the old one; returns once the next sweep will use
   * {@code next}.
   */
  public void replace(Engine next) {
    java.util.concurrent.CompletableFuture<Engine> old = new java.util.concurrent.CompletableFuture<>();
    loopContext.runOnContext(v -> {
      Engine before = engine;
      engine = next;
      old.complete(before);
    });
    try {
      Engine before = old.get(60, TimeUnit.SECONDS);
      if (before != null && before != next) {
        before.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("the engine loop did not take the new runbooks: " + e, e);
    }
  }

  /**
   * One sweep through the engine, on the loop's worker context only; the decisions, empty when it failed. Out of
   * turn, the process table is read whatever the cadence.
   */
  private List<Decision> sweepOnce(boolean outOfTurn) {
    try {
      long now = clock.getAsLong();
      List<Fact> facts = outOfTurn ? probes.sweepWithProcesses(now) : probes.sweep(now);
      sweeps.incrementAndGet();
      metrics.sweep();
      try {
        listener.sweep(now, facts);
      } catch (RuntimeException e) { // a full disk under the recorder must not blind the engine
        errors.incrementAndGet();
        metrics.sweepFailed();
        journal.write(ErrorEvent.of(System.currentTimeMillis(), "recording failed: " + e));
      }
      Engine current = engine; // a reload swaps it between sweeps
      if (current != null) {
        List<Decision> decisions = current.accept(now, facts);
        if (!decisions.isEmpty()) {
          listener.decisions(decisions);
        }
        return decisions;
      }
    } catch (RuntimeException | Error e) {
      errors.incrementAndGet();
      metrics.sweepFailed();
      journal.write(ErrorEvent.of(System.currentTimeMillis(), "sweep failed: " + e));
    }
    return List.of();
  }

  /**
   * A sweep now, between the timer's sweeps, on the same worker context and through the same engine session (the
   * fast path of a crossing notifier), with the process table: completes with its decisions once the engine has
   * decided.
   */
  public CompletableFuture<List<Decision>> sweepNow() {
    CompletableFuture<List<Decision>> done = new CompletableFuture<>();
    Context context = loopContext;
    if (context == null) {
      done.complete(List.of());
      return done;
    }
    context.runOnContext(v -> done.complete(sweepOnce(true)));
    return done;
  }

  public long sweeps() {
    return sweeps.get();
  }

  public long errors() {
    return errors.get();
  }

  /** Blocks until {@link #close} is called or the duration passes. */
  public void awaitStop(Duration limit) throws InterruptedException {
    stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      if (deployment != null) {
        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      errors.incrementAndGet();
    } finally {
      stopped.countDown();
    }
  }
}
