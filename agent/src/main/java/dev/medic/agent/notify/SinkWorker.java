package dev.medic.agent.notify;

import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.NotificationEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sink's queue and the thread that empties it: {@link #offer} never blocks (a full queue drops the notice,
 * counted and journalled), the thread sends one notice at a time and retries a failed send with {@link Backoff},
 * so a dead receiver costs its own queue and nothing else. Every outcome is counted in
 * {@code medic.notifications{sink,outcome}} and journalled as a {@code notification} event.
 */
public final class SinkWorker implements AutoCloseable {

  private final Sink sink;
  private final int retries;
  private final Backoff backoff;
  private final Journal journal;
  private final MeterRegistry registry;
  private final BlockingQueue<Notice> queue;
  private final Thread thread;
  private volatile boolean running = true;
  /** Notices taken and not yet finished: queued, being sent, or waiting between retries. */
  private final AtomicInteger pending = new AtomicInteger();

  public SinkWorker(Sink sink, int capacity, int retries, Backoff backoff, Journal journal, MeterRegistry registry) {
    this.sink = sink;
    this.retries = retries;
    this.backoff = backoff;
    this.journal = journal;
    this.registry = registry;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "medic-notify-" + sink.name());
    thread.setDaemon(true);
    thread.start();
  }

  public String name() {
    return sink.name();
  }

  /** Queues a notice; false (and dropped, counted, journalled) when the queue is full or the worker stopped. */
  public boolean offer(Notice notice) {
    pending.incrementAndGet();
    if (running && queue.offer(notice)) {
      return true;
    }
    pending.decrementAndGet();
    outcome(notice, "dropped", 0, running ? "queue full (" + (queue.size() + queue.remainingCapacity()) + ")"
        : "stopping");
    return false;
  }

  /** Notices waiting, the one being sent not included. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    while (running) {
      Notice n;
      try {
        n = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (n != null) {
        try {
          deliver(n);
        } finally {
          pending.decrementAndGet();
        }
      }
    }
  }

  private void deliver(Notice n) {
    String last = null;
    int attempt = 0;
    while (attempt <= retries) {
      attempt++;
      try {
        sink.send(n);
        outcome(n, "delivered", attempt, null);
        return;
      } catch (Sink.Refused e) {
        outcome(n, "failed", attempt, e.getMessage());
        return;
      } catch (IOException | RuntimeException e) {
        last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
      if (attempt <= retries) {
        try {
          Thread.sleep(backoff.delayMs(attempt, ThreadLocalRandom.current()::nextDouble));
        } catch (InterruptedException e) {
          outcome(n, "failed", attempt, last + " (stopping)");
          Thread.currentThread().interrupt();
          running = false;
          return;
        }
      }
    }
    outcome(n, "failed", attempt, last);
  }

  private void outcome(Notice n, String outcome, int attempts, String detail) {
    registry.counter("medic.notifications", "sink", sink.name(), "outcome", outcome).increment();
    journal.write(new NotificationEvent(System.currentTimeMillis(), n.incident(), n.runbook(), sink.name(), outcome,
        attempts, detail));
  }

  /**
   * Gives the notice in flight and those queued up to {@code graceMs} to go out, then stops taking notices and
   * interrupts the thread; what is still queued is journalled as dropped.
   */
  public void close(long graceMs) {
    long deadline = System.currentTimeMillis() + graceMs;
    while (pending.get() > 0 && System.currentTimeMillis() < deadline && thread.isAlive()) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = false;
    thread.interrupt();
    try {
      thread.join(Math.max(100, deadline - System.currentTimeMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Notice> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(n -> outcome(n, "dropped", 0, "stopping"));
  }

  @Override
  public void close() {
    close(2_000);
  }
}
