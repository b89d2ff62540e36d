package dev.medic.actions;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.medic.probes.HostRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs an external command (pmap, lsof…) the safe way: the argv is executed directly, never through a shell, so
 * a process name or command line can never be interpreted as shell syntax.
 *
 * <p>Standard input is {@code /dev/null} so a command that reads it cannot wait forever. Standard output and
 * error are drained by their own threads so a chatty child never blocks on a full pipe; only the first
 * {@value #STDOUT_CAP} bytes of stdout and {@value #STDERR_CAP} of stderr are kept, the rest is read and dropped.
 * {@code LC_ALL=C} keeps the output format stable whatever the host's locale. On timeout the command and every
 * descendant it started are killed. Nothing here throws for a failing command; it is all in the result.
 */
public final class CommandRunner {

  public static final int STDOUT_CAP = 8 << 20;
  public static final int STDERR_CAP = 64 << 10;
  /** How long to wait for a killed command to die, and for its output pipes to close once it ended. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  /**
   * Runs {@code argv} and waits up to {@code timeout}.
   *
   * @throws InterruptedException if the calling thread is interrupted; the command is killed first
   */
  public CommandResult run(List<String> argv, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(Redirect.from(HostRoot.NULL_DEVICE));
    builder.environment().put("LC_ALL", "C");
    Process process;
    try {
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      return new CommandResult(-1, new byte[0], "cannot start " + argv + ": " + e.getMessage(), false, since(start));
    }
    Drain out = new Drain(process.getInputStream(), STDOUT_CAP);
    Drain err = new Drain(process.getErrorStream(), STDERR_CAP);
    boolean finished = false;
    try {
      finished = process.waitFor(timeout.toNanos(), NANOSECONDS);
    } finally {
      if (!finished) {
        killTree(process); // also when interrupted: never leave a command running behind us
      }
    }
    int exitCode = process.isAlive() ? -1 : process.exitValue();
    // Pipes close when every holder exits; a background grandchild may keep them open, so do not wait forever.
    boolean drained = out.await() & err.await();
    StringBuilder stderr = new StringBuilder(new String(err.bytes(), StandardCharsets.UTF_8));
    if (out.truncated()) {
      stderr.append("\n[medic: stdout truncated at ").append(STDOUT_CAP).append(" bytes]");
    }
    if (!drained) {
      stderr.append("\n[medic: output still open ").append(GRACE.toSeconds()).append("s after exit; kept what came]");
    }
    return new CommandResult(exitCode, out.bytes(), stderr.toString(), !finished, since(start));
  }

  private static void killTree(Process process) throws InterruptedException {
    // Snapshot first: once the parent dies its children are re-parented and no longer show up as descendants.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    // Bounded: a process stuck in uninterruptible sleep does not die on SIGKILL until it wakes.
    process.waitFor(GRACE.toNanos(), NANOSECONDS);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Reads one stream to its end on a daemon thread, keeping at most {@code cap} bytes. */
  private static final class Drain implements Runnable {
    private final InputStream in;
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private boolean truncated;

    Drain(InputStream in, int cap) {
      this.in = in;
      this.cap = cap;
      this.thread = new Thread(this, "medic-command-drain");
      thread.setDaemon(true); // a pipe held open by a stray grandchild must not keep the JVM alive
      thread.start();
    }

    @Override
    public void run() {
      byte[] chunk = new byte[64 << 10];
      try (in) {
        for (int n; (n = in.read(chunk)) != -1; ) {
          synchronized (this) {
            int keep = Math.min(n, cap - kept.size());
            kept.write(chunk, 0, keep);
            truncated |= keep < n;
          }
        }
      } catch (IOException e) {
        // The stream is closed under us when the process is destroyed; what was read is kept.
      }
    }

    boolean await() throws InterruptedException {
      thread.join(GRACE.toMillis());
      return !thread.isAlive();
    }

    synchronized byte[] bytes() {
      return kept.toByteArray();
    }

    synchronized boolean truncated() {
      return truncated;
    }
  }
}
