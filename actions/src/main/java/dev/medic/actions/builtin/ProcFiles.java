package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.probes.HostRoot;
import dev.medic.probes.proc.ProcessIdentity;
import dev.medic.probes.text.Printable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What only actions need around a process: the "pid reused" check and its result, text made safe for evidence
 * tables, reasons for I/O errors and reads with a deadline. Reading a process (its stat, status, start time and
 * command line) goes through the probes' readers ({@link ProcessIdentity}, {@code PidStat}, {@code PidStatus}).
 */
final class ProcFiles {

  private ProcFiles() {}

  /**
   * True when the pid now belongs to another process than the one the plan sampled (the planned one exited and
   * the kernel handed its pid to a newcomer). False when unknown: no expected start, or nothing readable.
   */
  static boolean reused(ActionContext ctx) {
    if (ctx.expectedStart() == null) {
      return false;
    }
    return ProcessIdentity.startMillis(ctx.host(), ctx.pid())
        .map(actual -> Math.abs(actual - ctx.expectedStart()) > 20).orElse(false);
  }

  /** The result for a pid that now names another process: the planned one is gone, and nothing is done. */
  static ActionResult reusedResult(ActionContext ctx) {
    return new ActionResult(ActionResult.Status.TARGET_GONE, "pid " + ctx.pid() + " now belongs to another "
        + "process than the one planned for (a later start time): left alone", List.of());
  }

  /** True while the pid exists and has not exited (a zombie counts as gone: there is nothing left to act on). */
  static boolean alive(HostRoot host, int pid) {
    return ProcessIdentity.alive(host, pid);
  }

  /** {@code VmRSS} and the other {@code kB} sizes of {@code PidStatus} back in kB, -1 when absent. */
  static long kb(Long bytes) {
    return bytes == null ? -1 : bytes / 1024;
  }

  /** Every control character as {@code \xNN} ({@link Printable#line}): for text that goes into tables. */
  static String printable(String s) {
    return Printable.line(s);
  }

  /** The command line as the probes read it (redacted, escaped: {@code Redaction#commandLine}), stripped. */
  static String cmdline(HostRoot host, int pid) throws IOException {
    return ProcessIdentity.cmdline(host, pid).strip();
  }

  /** One line of text a process or file chose: every control character escaped ({@link Printable#line}). */
  static String oneLine(String s) {
    return Printable.line(s);
  }

  /** A short reason for an I/O error, without the path repeated. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /**
   * Runs {@code work} on its own daemon thread and gives up after {@code timeout}. Reading a process's
   * {@code cmdline}, {@code environ} or {@code smaps} takes its memory-map lock, and a process thrashing under
   * memory pressure (exactly Medic's target) can hold that lock for a long time; a stuck read is abandoned,
   * not waited for.
   */
  static <T> T withTimeout(Duration timeout, Callable<T> work)
      throws IOException, InterruptedException, TimeoutException {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, "medic-proc-read");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      task.cancel(true);
    }
  }
}
