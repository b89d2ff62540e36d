package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.proc.PidStat;
import dev.medic.probes.proc.PidStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code capture_pidstat}: the guide's {@code pidstat -r -p <PID> 1}, done natively so sysstat need not be
 * installed. Every {@code interval} (default 1s, 100ms..10s) it reads {@code /proc/<pid>/status} (VmRSS,
 * VmSwap, RssAnon) and {@code /proc/<pid>/stat} (minflt, majflt: fields 10 and 12, counted after the LAST
 * {@code )}), {@code samples} times (default 10, 1..600), and writes {@code pidstat.csv}:
 *
 * <pre>time_ms,rss_kb,swap_kb,rss_anon_kb,minflt_per_s,majflt_per_s</pre>
 *
 * <p>One row per sample. {@code time_ms} is the wall clock in milliseconds since the epoch (the journal's
 * {@code at} uses the same clock). The fault rates come from the deltas to the previous sample over the
 * monotonic time between them, so the first row has none (empty cells). A value the kernel does not report
 * (no {@code RssAnon} before Linux 4.5) is an empty cell too.
 *
 * <p>Bounded by {@link ActionContext#timeout()}: sampling stops at the deadline and the rows so far are kept
 * (OK, the detail says how many of how many). A process that exits (or becomes a zombie, or whose pid is reused:
 * the start time is compared) after the first sample gives OK with the rows so far and a detail saying it
 * exited; gone before the first sample gives TARGET_GONE. Each read runs under
 * {@link ProcFiles#withTimeout}, so a stuck read cannot outlive the deadline.
 */
public final class CapturePidstatAction implements Action {

  public static final String NAME = "capture_pidstat";
  public static final String INTERVAL = "interval";
  public static final String SAMPLES = "samples";
  public static final String FILE = "pidstat.csv";
  static final String HEADER = "time_ms,rss_kb,swap_kb,rss_anon_kb,minflt_per_s,majflt_per_s";
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);
  static final Duration MAX_INTERVAL = Duration.ofSeconds(10);
  static final int DEFAULT_SAMPLES = 10;
  static final int MAX_SAMPLES = 600;

  /**
   * One reading. Sizes in kB, -1 when not reported.
   *
   * @param nanos {@link System#nanoTime()} when it was taken, for the rates
   * @param epochMillis the wall clock, for the {@code time_ms} column
   */
  record Sample(long nanos, long epochMillis, long rssKb, long swapKb, long rssAnonKb, long minflt, long majflt,
      long startTime) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return false;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(INTERVAL, SAMPLES);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    List<String> problems = new ArrayList<>(Params.checkDuration(params, INTERVAL, MIN_INTERVAL, MAX_INTERVAL));
    problems.addAll(Params.checkInt(params, SAMPLES, false, 1, MAX_SAMPLES));
    return problems;
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    int pid = ctx.pid();
    Duration interval = Params.readDuration(ctx.params(), INTERVAL, DEFAULT_INTERVAL);
    int wanted = Params.readInt(ctx.params(), SAMPLES, DEFAULT_SAMPLES);
    long start = System.nanoTime();
    long deadline = start + ctx.timeout().toNanos();
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    Sample previous = null;
    int taken = 0;
    String stopped = null;
    for (int i = 0; i < wanted; i++) {
      long due = start + i * interval.toNanos();
      if (due - deadline >= 0) {
        stopped = "stopped at the " + Params.format(ctx.timeout()) + " time limit";
        break;
      }
      long sleep = due - System.nanoTime();
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
      Sample sample;
      try {
        sample = ProcFiles.withTimeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
            () -> read(ctx));
      } catch (TimeoutException e) {
        stopped = "a read of " + ctx.host().pid(pid) + " was still blocked at the " + Params.format(ctx.timeout())
            + " time limit";
        break;
      } catch (IOException | IllegalArgumentException e) {
        if (ProcFiles.alive(ctx.host(), pid)) {
          String reason = e instanceof IOException io ? ProcFiles.reason(io) : e.getMessage();
          if (taken == 0) {
            return ActionResult.failed("cannot sample pid " + pid + ": " + reason);
          }
          stopped = "stopped: cannot read pid " + pid + ": " + reason;
        } else {
          stopped = "the process exited after " + taken + " samples";
        }
        break;
      }
      if (sample == null || previous != null && sample.startTime() != previous.startTime()) {
        stopped = "the process exited after " + taken + " samples";
        break;
      }
      csv.append(row(previous, sample)).append('\n');
      previous = sample;
      taken++;
    }
    if (taken == 0) {
      if (stopped != null && stopped.startsWith("the process exited")) {
        return ActionResult.gone(pid);
      }
      return new ActionResult(ActionResult.Status.TIMED_OUT,
          "no sample of pid " + pid + " within " + ctx.timeout(), List.of());
    }
    try {
      ctx.evidence().write(FILE, csv.toString());
    } catch (IOException e) {
      return ActionResult.failed("cannot write " + FILE + ": " + e.getMessage());
    }
    String detail = "memory of pid " + pid + ": " + taken + " of " + wanted + " samples every "
        + Params.format(interval);
    return ActionResult.ok(stopped == null ? detail : detail + "; " + stopped, List.of(FILE));
  }

  /** One sample, or null when the process is gone or a zombie. */
  private static Sample read(ActionContext ctx) throws IOException {
    PidStat stat;
    PidStatus status;
    try {
      stat = PidStat.read(ctx.host(), ctx.pid());
      if (stat.exited()) {
        return null;
      }
      status = PidStatus.read(ctx.host(), ctx.pid(), new ProbeMetrics());
    } catch (KernelFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    long nanos = System.nanoTime();
    long now = System.currentTimeMillis();
    if (stat.minorFaults() == null || stat.majorFaults() == null || stat.startTicks() == null) {
      throw new IllegalArgumentException("stat of pid " + ctx.pid() + " has no minflt, majflt or starttime");
    }
    return new Sample(nanos, now, ProcFiles.kb(status.rss()), ProcFiles.kb(status.swap()),
        ProcFiles.kb(status.rssAnon()), stat.minorFaults(), stat.majorFaults(), stat.startTicks());
  }

  /** The CSV row of {@code current}; the rates are empty without a {@code previous} sample. */
  static String row(Sample previous, Sample current) {
    String minflt = "";
    String majflt = "";
    if (previous != null) {
      double seconds = Math.max(1, current.nanos() - previous.nanos()) / 1e9;
      minflt = rate(current.minflt() - previous.minflt(), seconds);
      majflt = rate(current.majflt() - previous.majflt(), seconds);
    }
    return current.epochMillis() + "," + kb(current.rssKb()) + "," + kb(current.swapKb()) + ","
        + kb(current.rssAnonKb()) + "," + minflt + "," + majflt;
  }

  private static String kb(long value) {
    return value < 0 ? "" : Long.toString(value);
  }

  private static String rate(long delta, double seconds) {
    return String.format(Locale.ROOT, "%.2f", Math.max(0, delta) / seconds);
  }
}
