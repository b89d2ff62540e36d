package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real child processes for action tests; {@link #close()} kills only what was started here, by handle. */
final class LiveChildren implements AutoCloseable {

  static final HostRoot HOST = HostRoot.live();
  private final List<Process> started = new ArrayList<>();

  /** Starts {@code builder} and waits until the child has exec'd its program (not still the JVM's helper). */
  Process start(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.start();
    started.add(process);
    String program = "/" + builder.command().get(0);
    Path exe = HOST.pid((int) process.pid()).resolve("exe");
    for (int i = 0; i < 500; i++) {
      if (Files.readSymbolicLink(exe).toString().endsWith(program)) {
        return process;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("child " + process.pid() + " never became " + program);
  }

  /** A plain {@code sleep 300}. */
  Process sleep() throws IOException, InterruptedException {
    return start(new ProcessBuilder("sleep", "300"));
  }

  /** A pid that existed a moment ago and has been reaped: nothing lives there now. */
  static int reapedPid() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return (int) process.pid();
  }

  static ActionContext live(Process process, Map<String, String> params, EvidenceBundle bundle) {
    return live((int) process.pid(), params, bundle);
  }

  static ActionContext live(int pid, Map<String, String> params, EvidenceBundle bundle) {
    return new ActionContext(pid, HOST, params, bundle, Duration.ofSeconds(20));
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    started.clear();
  }
}
