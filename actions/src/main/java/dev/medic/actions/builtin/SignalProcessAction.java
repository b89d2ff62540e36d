package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.CommandResult;
import dev.medic.actions.CommandRunner;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.proc.PidStat;
import dev.medic.probes.proc.PidStatus;
import dev.medic.probes.proc.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code signal_process}: sends {@code signal} (TERM, INT, HUP, USR1, USR2 or KILL; default TERM) to the target
 * pid, without a shell: TERM is {@link ProcessHandle#destroy()}, KILL {@link ProcessHandle#destroyForcibly()},
 * the others {@code kill -s <SIG> -- <pid>} run by {@link CommandRunner}. Then it waits up to {@code wait}
 * (default 5s for TERM, INT and KILL; 0s for HUP, USR1 and USR2, which services usually handle and survive;
 * never longer than the action's timeout) for the process to exit, and reports whether it did. A process that
 * is still running after the wait is still OK: the signal was delivered, and the detail says it is running.
 *
 * <p>Refused with FAILED, as defence in depth behind the engine's protected-target gate (which runs first): pid
 * 1 and below, Medic's own pid, a thread of any process (including Medic's), a kernel thread ({@code PF_KTHREAD}
 * in the stat flags), and a {@code /proc} whose {@code self} link is not Medic's own pid: signals go to pids
 * in Medic's pid namespace, so checks read from another namespace's {@code /proc} (or a fixture tree) would be
 * about another process.
 *
 * <p><b>Pid reuse.</b> The engine does not pass the target's start time yet, so this cannot prove that the pid
 * still belongs to the process the runbook matched. It reads {@code comm} and the start time right before
 * signalling, records them in {@code signal.txt}, and re-reads the start time after taking a
 * {@link ProcessHandle}; for TERM and KILL the JDK compares the handle's start time again immediately before
 * its {@code kill(2)}. For the signals sent by {@code kill(1)} a window of a few milliseconds remains. A pid reused since the
 * plan was made is not detected.
 *
 * <p>Outcomes: gone (or a zombie) before the signal → TARGET_GONE; a refusal or a failed {@code kill} on a live
 * process → FAILED; otherwise OK with {@code signal.txt} (pid, comm, start time, signal, how it was sent, what
 * happened after).
 */
public final class SignalProcessAction implements Action {

  public static final String NAME = "signal_process";
  public static final String SIGNAL = "signal";
  public static final String WAIT = "wait";
  public static final String FILE = "signal.txt";
  static final List<String> SIGNALS = List.of("TERM", "INT", "HUP", "USR1", "USR2", "KILL");
  static final Duration MAX_WAIT = Duration.ofMinutes(1);
  private static final Duration POLL = Duration.ofMillis(20);

  private final CommandRunner runner = new CommandRunner();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return true;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(SIGNAL, WAIT);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    List<String> problems = new ArrayList<>();
    String signal = params.get(SIGNAL);
    if (signal != null && !SIGNALS.contains(signal)) {
      problems.add("parameter 'signal' must be one of " + String.join(", ", SIGNALS) + ", got '"
          + ProcFiles.printable(signal) + "'");
    }
    problems.addAll(Params.checkDuration(params, WAIT, Duration.ZERO, MAX_WAIT));
    return problems;
  }

  /** The wait for {@code signal} when the runbook gives none. */
  static Duration defaultWait(String signal) {
    return switch (signal) {
      case "TERM", "INT", "KILL" -> Duration.ofSeconds(5);
      default -> Duration.ZERO;
    };
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    long start = System.nanoTime();
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    int pid = ctx.pid();
    String signal = ctx.params().getOrDefault(SIGNAL, "TERM");
    Duration wait = Params.readDuration(ctx.params(), WAIT, defaultWait(signal));
    long self = ProcessHandle.current().pid();
    if (pid <= 1) {
      return ActionResult.failed("refusing to signal pid " + pid + ": "
          + (pid == 1 ? "it is init" : "pids below 1 name process groups or every process"));
    }
    if (pid == self) {
      return ActionResult.failed("refusing to signal pid " + pid + ": it is Medic itself");
    }
    Optional<String> namespaceProblem = namespaceProblem(ctx, self);
    if (namespaceProblem.isPresent()) {
      return ActionResult.failed("refusing to signal pid " + pid + ": " + namespaceProblem.get());
    }
    PidStat stat;
    try {
      stat = PidStat.read(ctx.host(), pid);
    } catch (IOException e) {
      return ActionResult.gone(pid);
    } catch (KernelFormatException e) {
      return ActionResult.failed("refusing to signal pid " + pid + ": cannot parse its stat line");
    }
    if (stat.exited()) {
      return ActionResult.gone(pid);
    }
    if (ProcFiles.reused(ctx)) {
      return ProcFiles.reusedResult(ctx);
    }
    String comm = ProcFiles.printable(stat.comm());
    if (stat.kernelThread()) {
      return ActionResult.failed("refusing to signal pid " + pid + " (" + comm + "): it is a kernel thread");
    }
    Integer tgid;
    try {
      tgid = PidStatus.read(ctx.host(), pid, new ProbeMetrics()).tgid();
    } catch (IOException e) {
      return ProcFiles.alive(ctx.host(), pid)
          ? ActionResult.failed("refusing to signal pid " + pid + ": cannot read its status: " + ProcFiles.reason(e))
          : ActionResult.gone(pid);
    } catch (KernelFormatException e) {
      return ActionResult.failed("refusing to signal pid " + pid + ": cannot parse its status: " + e.getMessage());
    }
    if (tgid != null && tgid != pid) {
      return ActionResult.failed("refusing to signal pid " + pid + " (" + comm + "): it is a thread of "
          + (tgid == self ? "Medic itself" : "process " + tgid) + ", not a process");
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    Optional<PidStat> again = ProcessIdentity.stat(ctx.host(), pid);
    if (handle.isEmpty() || again.isEmpty() || again.get().exited()
        || !Objects.equals(again.get().startTicks(), stat.startTicks())) {
      return ActionResult.gone(pid); // exited, or exited and the pid was reused, since the first read
    }

    String sentWith;
    boolean sent;
    String failure = "";
    switch (signal) {
      case "TERM" -> {
        sentWith = "ProcessHandle.destroy() (SIGTERM)";
        sent = handle.get().destroy();
      }
      case "KILL" -> {
        sentWith = "ProcessHandle.destroyForcibly() (SIGKILL)";
        sent = handle.get().destroyForcibly();
      }
      default -> {
        List<String> argv = List.of("kill", "-s", signal, "--", Integer.toString(pid));
        sentWith = String.join(" ", argv);
        CommandResult result = runner.run(argv, ctx.timeout());
        sent = result.exitCode() == 0 && !result.timedOut();
        failure = result.timedOut() ? "kill did not finish within " + ctx.timeout()
            : "kill exited " + result.exitCode() + ": " + result.stderrFirstLine();
      }
    }
    if (!sent) {
      if (!ProcFiles.alive(ctx.host(), pid)) {
        return ActionResult.gone(pid);
      }
      return ActionResult.failed("could not send " + signal + " to pid " + pid + " (" + comm + "): "
          + (failure.isEmpty() ? "the kernel refused (permission?)" : failure));
    }

    long waitUntil = Math.min(System.nanoTime() + wait.toNanos(), start + ctx.timeout().toNanos());
    long signalled = System.nanoTime();
    String outcome;
    if (wait.isZero()) {
      outcome = "not waited for";
    } else {
      boolean exited = awaitExit(ctx, stat.startTicks(), waitUntil);
      long waited = (System.nanoTime() - signalled) / 1_000_000;
      outcome = exited ? "exited within " + waited + " ms" : "still running after " + waited + " ms";
    }
    String detail = "sent " + signal + " to pid " + pid + " (" + comm + "); " + outcome;
    String record = "pid: " + pid + "\n"
        + "comm: " + comm + "\n"
        + "start time: " + stat.startTicks() + " clock ticks after boot (read just before signalling)\n"
        + "signal: SIG" + signal + "\n"
        + "sent with: " + sentWith + "\n"
        + "outcome: " + outcome + "\n";
    try {
      ctx.evidence().write(FILE, record);
    } catch (IOException e) {
      // The host was changed; saying FAILED would invite a retry, so report OK without the record.
      return ActionResult.ok(detail + " (evidence not written: " + e.getMessage() + ")", List.of());
    }
    return ActionResult.ok(detail, List.of(FILE));
  }

  /** Polls until the process is gone, a zombie, or replaced (another start time), or until {@code untilNanos}. */
  private static boolean awaitExit(ActionContext ctx, Long startTicks, long untilNanos) throws InterruptedException {
    while (true) {
      Optional<PidStat> now = ProcessIdentity.stat(ctx.host(), ctx.pid());
      if (now.isEmpty() || now.get().exited() || !Objects.equals(now.get().startTicks(), startTicks)) {
        return true;
      }
      if (System.nanoTime() - untilNanos >= 0) {
        return false;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Empty when {@code <host>/proc/self} names this JVM, i.e. it is the /proc of Medic's pid namespace. */
  private static Optional<String> namespaceProblem(ActionContext ctx, long self) {
    try {
      String link = Files.readSymbolicLink(ctx.host().proc("self")).toString();
      return link.equals(Long.toString(self)) ? Optional.empty()
          : Optional.of(ctx.host().proc("") + " is not the /proc of Medic's pid namespace (its self is " + link + ")");
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of(ctx.host().proc("") + " has no self link, so it is not the /proc of Medic's pid namespace");
    }
  }
}
