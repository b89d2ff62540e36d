package dev.medic.actions;

import java.time.Duration;

/**
 * How a command run by {@link CommandRunner} ended.
 *
 * @param exitCode the exit status; -1 when the command could not be started, or did not die after being killed
 * @param stdout what it wrote to standard output, capped (see {@link CommandRunner})
 * @param stderr what it wrote to standard error (capped), the start error, or notes from the runner
 * @param timedOut true when it outlived the timeout and was killed with its descendants
 * @param took wall-clock time from start to end
 */
public record CommandResult(int exitCode, byte[] stdout, String stderr, boolean timedOut, Duration took) {

  /** The first non-blank line of {@link #stderr()}, or {@code "no error output"}: for one-line details. */
  public String stderrFirstLine() {
    return stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no error output");
  }
}
