package dev.medic.cli;

import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code medic run} as a real child process (a JVM on the test class path), for what only a process shows: the
 * exit code after a signal, the lock held against a second process, recovery after SIGKILL. Output goes to files
 * the test reads; signals go to this child only, by its pid; {@link #close} kills it if it is still alive.
 */
final class AgentProcess implements AutoCloseable {

  private final Process process;
  final Path out;
  final Path err;

  private AgentProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static AgentProcess start(Path dir, String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx160m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        MedicCli.class.getName(), "run"));
    cmd.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    return new AgentProcess(new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start(),
        out, err);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends a signal by name ({@code HUP}, {@code INT}) to this child, with kill(1) and its pid. */
  void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " " + pid() + " failed");
    }
  }

  /** SIGTERM, as systemctl stop sends it. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL: nothing runs after it, no stop line, no lock release but the kernel's. */
  void kill() {
    process.destroyForcibly();
  }

  int waitFor(Duration limit) throws Exception {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the agent did not exit in " + limit + "; stderr: " + stderr());
    }
    return process.exitValue();
  }

  String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Waits until stdout satisfies the test, or fails with what it printed. */
  String awaitStdout(Duration limit, Predicate<String> done) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      String text = stdout();
      if (done.test(text)) {
        return text;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the agent exited " + process.exitValue() + "; stdout: " + text + "\nstderr: "
            + stderr());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out; stdout: " + stdout() + "\nstderr: " + stderr());
  }

  /** Waits until the journal's events (all its files, whole lines) satisfy the test; returns them. */
  static List<JournalEvent> awaitJournal(Path journal, Duration limit, Predicate<List<JournalEvent>> done)
      throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    List<JournalEvent> events = List.of();
    while (System.nanoTime() < end) {
      events = journal(journal);
      if (done.test(events)) {
        return events;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting; journal so far: " + events);
  }

  static List<JournalEvent> journal(Path journal) throws IOException {
    List<JournalEvent> events = new ArrayList<>();
    JournalFiles.read(journal, events::add);
    return events;
  }

  static <T> List<T> of(List<JournalEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }
}
