package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.proc.PidStat;
import dev.medic.probes.proc.ProcessIdentity;
import dev.medic.probes.text.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@code capture_identity}: who the process is, from {@code /proc/<pid>/}: command line, {@code cwd} and
 * {@code exe} targets, {@code status}, and the chain of parents up to pid 1, written as {@code identity.txt};
 * the environment, redacted by {@link Redaction#environment}, as {@code environ.txt}. URL credentials in command
 * lines are redacted too.
 *
 * <p>A process that is gone (or a zombie) at the start gives TARGET_GONE. One that exits midway gives OK with
 * what was read before it went, the missing sections marked {@code unreadable: process vanished} and the detail
 * saying the capture is partial; a partial identity still tells the operator what was there. If it vanished
 * before anything of its own could be read, the result is TARGET_GONE and nothing is written.
 */
public final class CaptureIdentityAction implements Action {

  public static final String NAME = "capture_identity";
  public static final String IDENTITY_FILE = "identity.txt";
  public static final String ENVIRON_FILE = "environ.txt";
  /** Bounds the parent walk: a pid reused mid-walk could otherwise make it loop. */
  static final int MAX_HOPS = 64;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return false;
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    Optional<PidStat> stat = ProcessIdentity.stat(ctx.host(), ctx.pid());
    if (stat.isEmpty() || stat.get().exited()) {
      return ActionResult.gone(ctx.pid());
    }
    Capture capture;
    try {
      capture = ProcFiles.withTimeout(ctx.timeout(), () -> new Capture(ctx, stat.get()).gather());
    } catch (TimeoutException e) {
      return new ActionResult(ActionResult.Status.TIMED_OUT,
          "reading " + ctx.host().pid(ctx.pid()) + " took longer than " + ctx.timeout(), List.of());
    } catch (IOException e) {
      return ActionResult.failed("cannot read " + ctx.host().pid(ctx.pid()) + ": " + e.getMessage());
    }
    if (capture.captured == 0 && capture.vanished) {
      return ActionResult.gone(ctx.pid());
    }
    try {
      ctx.evidence().write(IDENTITY_FILE, capture.identity.toString());
      ctx.evidence().write(ENVIRON_FILE, capture.environ);
    } catch (IOException e) {
      return ActionResult.failed("cannot write identity evidence: " + e.getMessage());
    }
    String detail = "identity of pid " + ctx.pid() + " (" + ProcFiles.oneLine(stat.get().comm()) + ")";
    return ActionResult.ok(capture.vanished ? detail + ": partial, the process exited during capture" : detail,
        List.of(IDENTITY_FILE, ENVIRON_FILE));
  }

  /** One pass over the process's files; each read failure becomes a line, never an exception. */
  private static final class Capture {
    private final ActionContext ctx;
    private final PidStat stat;
    private final StringBuilder identity = new StringBuilder();
    private String environ;
    private int captured;
    private boolean vanished;

    Capture(ActionContext ctx, PidStat stat) {
      this.ctx = ctx;
      this.stat = stat;
    }

    Capture gather() {
      identity.append("# identity of pid ").append(stat.pid()).append(" (").append(ProcFiles.oneLine(stat.comm()))
          .append("), ppid ").append(stat.ppid()).append(", start time ").append(stat.startTicks())
          .append(" ticks after boot\n");
      section("cmdline", read(() -> redactedCmdline(ctx.host(), stat.pid())));
      section("cwd", read(() -> ProcFiles.oneLine(Files.readSymbolicLink(ctx.procFile("cwd")).toString())));
      section("exe", read(() -> ProcFiles.oneLine(Files.readSymbolicLink(ctx.procFile("exe")).toString())));
      environ = read(() -> Redaction.environment(Files.readAllBytes(ctx.procFile("environ"))));
      section("environ", "see " + ENVIRON_FILE + " (values of secret-looking variables redacted)");
      section("parent chain", parentChain(ctx.host(), stat.ppid()));
      section("status", read(() -> KernelFiles.read(ctx.procFile("status"))));
      Optional<PidStat> after = ProcessIdentity.stat(ctx.host(), stat.pid());
      // A different start time means the pid now belongs to another process.
      if (after.isEmpty() || after.get().exited() || !Objects.equals(after.get().startTicks(), stat.startTicks())) {
        vanished = true;
        identity.append("NOTE: the process exited during capture; sections read after that are missing\n");
      }
      return this;
    }

    private String read(ProcRead reader) {
      try {
        String value = reader.read();
        captured++;
        return value;
      } catch (IOException e) {
        if (!ProcFiles.alive(ctx.host(), stat.pid())) {
          vanished = true;
          return "unreadable: process vanished";
        }
        return "unreadable: " + ProcFiles.reason(e);
      }
    }

    private void section(String title, String body) {
      identity.append("\n== ").append(title).append(" ==\n").append(body);
      if (!body.endsWith("\n")) {
        identity.append('\n');
      }
    }
  }

  /** The ancestors from {@code ppid} up to pid 1, one {@code pid (comm) cmdline} per line. */
  static String parentChain(HostRoot host, int ppid) {
    StringBuilder chain = new StringBuilder();
    int pid = ppid;
    for (int hop = 0; pid > 0; hop++) {
      if (hop == MAX_HOPS) {
        return chain.append("stopped after ").append(MAX_HOPS).append(" ancestors\n").toString();
      }
      Optional<PidStat> stat = ProcessIdentity.stat(host, pid);
      if (stat.isEmpty()) {
        return chain.append(pid).append(" (gone)\n").toString();
      }
      String cmdline;
      try {
        cmdline = redactedCmdline(host, pid);
      } catch (IOException e) {
        cmdline = "unreadable: " + ProcFiles.reason(e);
      }
      chain.append(pid).append(" (").append(ProcFiles.oneLine(stat.get().comm())).append(") ").append(cmdline)
          .append('\n');
      pid = pid == 1 ? 0 : stat.get().ppid();
    }
    return chain.isEmpty() ? "(none)\n" : chain.toString();
  }

  private static String redactedCmdline(HostRoot host, int pid) throws IOException {
    return Redaction.commandLine(ProcFiles.cmdline(host, pid));
  }

  @FunctionalInterface
  private interface ProcRead {
    String read() throws IOException;
  }
}
