package dev.medic.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link CommandRunner}, with real commands. */
class CommandRunnerTest {

  private final CommandRunner runner = new CommandRunner();

  @Test
  void capturesStdoutAndExitCode() throws InterruptedException {
    CommandResult result = runner.run(List.of("echo", "hello"), Duration.ofSeconds(10));

    assertEquals(0, result.exitCode());
    assertEquals("hello\n", text(result));
    assertFalse(result.timedOut());
  }

  @Test
  void passesArgvLiterallyWithoutAShell() throws InterruptedException {
    CommandResult result = runner.run(List.of("echo", "$HOME; touch /tmp/medic-pwned `id`"), Duration.ofSeconds(10));

    assertEquals("$HOME; touch /tmp/medic-pwned `id`\n", text(result));
  }

  @Test
  void runsWithLcAllC() throws InterruptedException {
    CommandResult result = runner.run(List.of("env"), Duration.ofSeconds(10));

    assertTrue(text(result).lines().anyMatch("LC_ALL=C"::equals), text(result));
  }

  @Test
  void stdinIsDevNullSoAReaderDoesNotHang() throws InterruptedException {
    CommandResult result = runner.run(List.of("cat"), Duration.ofSeconds(10));

    assertFalse(result.timedOut());
    assertEquals(0, result.exitCode());
    assertEquals(0, result.stdout().length);
  }

  @Test
  void nonZeroExitAndStderrAreReported() throws InterruptedException {
    CommandResult result = runner.run(List.of("ls", "/no/such/dir/medic"), Duration.ofSeconds(10));

    assertTrue(result.exitCode() > 0);
    assertTrue(result.stderrFirstLine().contains("/no/such/dir/medic"), result.stderr());
  }

  @Test
  void timeout_killsTheCommand() throws InterruptedException {
    CommandResult result = runner.run(List.of("sleep", "30"), Duration.ofMillis(300));

    assertTrue(result.timedOut());
    assertTrue(result.took().compareTo(Duration.ofSeconds(10)) < 0, result.took().toString());
  }

  @Test
  void timeout_killsTheCommandAndItsDescendants() throws Exception {
    // sh is used here only to build a process tree: it prints its own pid and its background child's.
    CommandResult result =
        runner.run(List.of("sh", "-c", "echo $$; sleep 30 & echo $!; wait"), Duration.ofMillis(500));

    assertTrue(result.timedOut());
    List<String> pids = text(result).lines().toList();
    assertEquals(2, pids.size(), text(result));
    for (String pid : pids) {
      assertTrue(awaitDead(pid), "still running: " + pid);
    }
  }

  @Test
  void missingExecutable_isAResultNotAnException() throws InterruptedException {
    CommandResult result = runner.run(List.of("/nonexistent/medic-no-such-tool"), Duration.ofSeconds(5));

    assertEquals(-1, result.exitCode());
    assertFalse(result.timedOut());
    assertTrue(result.stderr().contains("medic-no-such-tool"), result.stderr());
  }

  @Test
  void twentyMegabytesOfOutputDoNotDeadlockAndAreCapped() throws InterruptedException {
    CommandResult result = runner.run(List.of("head", "-c", "20000000", "/dev/zero"), Duration.ofSeconds(60));

    assertFalse(result.timedOut());
    assertEquals(0, result.exitCode());
    assertEquals(CommandRunner.STDOUT_CAP, result.stdout().length);
    assertTrue(result.stderr().contains("truncated"), result.stderr());
  }

  @Test
  void largeStderrIsCapped() throws InterruptedException {
    CommandResult result =
        runner.run(List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' e >&2; exit 3"), Duration.ofSeconds(30));

    assertEquals(3, result.exitCode());
    assertEquals(CommandRunner.STDERR_CAP, result.stderr().length());
  }

  private static String text(CommandResult result) {
    return new String(result.stdout(), StandardCharsets.UTF_8);
  }

  /** Dead means no /proc entry, or a zombie waiting for a reaper the test does not control. */
  private static boolean awaitDead(String pid) throws Exception {
    Path stat = Path.of("/proc", pid.strip(), "stat");
    for (int i = 0; i < 500; i++) {
      try {
        String line = Files.readString(stat);
        char state = line.substring(line.lastIndexOf(')') + 2).charAt(0);
        if (state == 'Z' || state == 'X') {
          return true;
        }
      } catch (IOException e) {
        return true; // NoSuchFileException: gone and reaped
      }
      Thread.sleep(10);
    }
    return false;
  }
}
