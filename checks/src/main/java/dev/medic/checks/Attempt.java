package dev.medic.checks;

import dev.medic.probes.facts.CheckSample;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt of one check while it runs: the phase in progress and the time each finished phase took, what was
 * learnt on the way (address, status, certificate…), and the sockets and processes a watchdog closes to cut it.
 * Synchronized because the watchdog reads it while the check's thread may still be writing.
 */
public final class Attempt {

  private final String name;
  private final String kind;
  private final long timeoutMillis;
  private long startNanos = System.nanoTime();
  private volatile long deadlineNanos;
  private boolean started;
  private final Map<Phase, Double> millis = new EnumMap<>(Phase.class);
  private final List<Closeable> resources = new ArrayList<>();
  private Phase phase;
  private long phaseStartNanos;
  private boolean cancelled;
  private boolean sealed;
  private Failure failure;
  private Double totalMs;
  /** The namespace as the inside facts name it, once resolved; the configured value until then. */
  volatile String netns;
  String host;
  Integer port;
  String addr;
  Integer status;
  Long bytes;
  String certNotAfter;
  Double certDaysLeft;
  String tlsVersion;
  String rcode;
  Integer answers;
  Double rttMs;

  /** A failed attempt, thrown by a check and caught by the runner. */
  static final class Failure extends RuntimeException {
    final Phase phase;
    final ErrorKind kind;

    Failure(Phase phase, ErrorKind kind, String detail) {
      super(kind.wire() + " in " + (phase == null ? "check" : phase.wire()) + (detail == null ? "" : ": " + detail),
          null, false, false);
      this.phase = phase;
      this.kind = kind;
    }
  }

  Attempt(String name, String kind, String netns, long timeoutMillis) {
    this.name = name;
    this.kind = kind;
    this.netns = netns;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = startNanos + timeoutMillis * 1_000_000L;
  }

  /** The check's thread begins: the clock and the deadline start now; false when it was given up already. */
  synchronized boolean start() {
    if (sealed) {
      return false;
    }
    started = true;
    startNanos = System.nanoTime();
    deadlineNanos = startNanos + timeoutMillis * 1_000_000L;
    return true;
  }

  /**
   * Gives up an attempt whose thread never began (a namespace thread busy with another check for a whole
   * interval): a {@code check_timeout} outside any phase. False when it had begun, or ended.
   */
  synchronized boolean abandonUnstarted() {
    if (started || sealed) {
      return false;
    }
    failure = new Failure(null, ErrorKind.CHECK_TIMEOUT, "its thread was busy for a whole interval");
    totalMs = 0.0;
    sealed = true;
    return true;
  }

  /** Ends the phase in progress (its time is kept) and starts {@code next}. */
  synchronized void begin(Phase next) {
    long now = System.nanoTime();
    endPhase(now);
    phase = next;
    phaseStartNanos = now;
  }

  /** Ends the phase in progress; nothing runs until the next {@link #begin}. */
  synchronized void end() {
    endPhase(System.nanoTime());
    phase = null;
  }

  private void endPhase(long now) {
    if (phase != null && !cancelled && !sealed) {
      millis.merge(phase, (now - phaseStartNanos) / 1e6, Double::sum);
    }
  }

  synchronized Phase phase() {
    return phase;
  }

  /** Records the failure of the phase in progress and returns it, to be thrown. */
  synchronized Failure fail(ErrorKind error, String detail) {
    Failure f = new Failure(phase, error, detail);
    if (failure == null && !sealed) {
      failure = f;
    }
    return f;
  }

  /** Milliseconds left before the deadline, at least 1 (a socket timeout of 0 would mean forever). */
  int remainingMillis() {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      throw fail(phase == null ? ErrorKind.CHECK_TIMEOUT : phase.timeoutKind(), "deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** A socket, channel or process wrapper the watchdog closes when the attempt is cut; closed at once if it was. */
  void register(Closeable resource) {
    boolean late;
    synchronized (this) {
      late = cancelled;
      if (!late) {
        resources.add(resource);
      }
    }
    if (late) {
      closeQuietly(resource);
      throw fail(phase == null ? ErrorKind.CHECK_TIMEOUT : phase.timeoutKind(), "cut by the watchdog");
    }
  }

  /**
   * Ends the attempt for good: true for the first caller (the check's thread when it finished, or the watchdog
   * when it cut it), whose outcome is the fact; false afterwards.
   */
  synchronized boolean seal() {
    if (sealed) {
      return false;
    }
    long now = System.nanoTime();
    if (totalMs == null) {
      endPhase(now);
      phase = null;
      totalMs = (now - startNanos) / 1e6;
    }
    sealed = true;
    return true;
  }

  String name() {
    return name;
  }

  synchronized boolean cancelled() {
    return cancelled;
  }

  /**
   * Cuts the attempt: the phase in progress becomes its {@code …_timeout}, the time stops and every registered
   * resource is closed, which makes a blocked read, connect or handshake return with an exception.
   */
  void cancel() {
    List<Closeable> toClose;
    synchronized (this) {
      if (cancelled || sealed) {
        return;
      }
      long now = System.nanoTime();
      endPhase(now);
      totalMs = (now - startNanos) / 1e6;
      if (failure == null) {
        failure = new Failure(phase, phase == null ? ErrorKind.CHECK_TIMEOUT : phase.timeoutKind(), "timed out");
      }
      cancelled = true;
      toClose = List.copyOf(resources);
    }
    toClose.forEach(Attempt::closeQuietly);
  }

  /** Closes what the check opened; called when it returns, in every outcome. */
  void closeResources() {
    List<Closeable> toClose;
    synchronized (this) {
      toClose = List.copyOf(resources);
      resources.clear();
    }
    toClose.forEach(Attempt::closeQuietly);
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      // closing to cut or to clean up: nothing to report
    }
  }

  synchronized boolean failed() {
    return failure != null;
  }

  synchronized ErrorKind error() {
    return failure == null ? null : failure.kind;
  }

  /** The fact; {@code consecutiveFailures} counts this attempt when it failed. */
  synchronized CheckSample toSample(long timestamp, int consecutiveFailures) {
    double total = totalMs != null ? totalMs : (System.nanoTime() - startNanos) / 1e6;
    boolean ok = failure == null;
    return new CheckSample(timestamp, name, kind, host, port, addr, netns, ok,
        ok || failure.phase == null ? null : failure.phase.wire(), ok ? null : failure.kind.wire(),
        round(millis.get(Phase.RESOLVE)), round(millis.get(Phase.CONNECT)), round(millis.get(Phase.TLS)),
        round(millis.get(Phase.FIRST_BYTE)), round(millis.get(Phase.TRANSFER)), round(total), status, bytes,
        certNotAfter, certDaysLeft, tlsVersion, rcode, answers, rttMs, consecutiveFailures);
  }

  /** Microsecond precision is plenty and keeps recordings short. */
  static Double round(Double ms) {
    return ms == null ? null : Math.round(ms * 1000) / 1000.0;
  }
}
