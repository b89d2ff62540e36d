package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.CommandResult;
import dev.medic.actions.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Base of the network captures: read-only views of the host's network state (sockets, listeners, links, the
 * firewall ruleset) that do not depend on the target process, which may be gone (a service that died is exactly
 * when its port is worth looking at). Each runs a few tools, as argument lists and never through a shell, one
 * after the other within the action's timeout, and keeps each one's output, cut at {@value #MAX_BYTES} bytes, as
 * one section of one evidence file. A tool that is missing or fails is noted in its section; the capture fails
 * only when nothing at all was captured.
 */
abstract class HostCapture implements Action {

  /** The most of one tool's output kept: enough for thousands of sockets, bounded on a host with a million. */
  static final int MAX_BYTES = 512 << 10;

  private final CommandRunner runner = new CommandRunner();

  /** The commands, in order, for these (validated) parameters. */
  abstract List<List<String>> commands(ActionContext ctx);

  /** The evidence file. */
  abstract String evidenceFile();

  /** Text read without a tool, put before the commands' sections (kernel files); empty for none. */
  String files(ActionContext ctx) {
    return "";
  }

  @Override
  public final boolean changesHost() {
    return false;
  }

  @Override
  public final ActionResult run(ActionContext ctx) throws InterruptedException {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    long deadline = System.nanoTime() + ctx.timeout().toNanos();
    StringBuilder text = new StringBuilder(files(ctx));
    boolean captured = !text.isEmpty();
    String firstProblem = null;
    boolean timedOut = false;
    for (List<String> argv : commands(ctx)) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      text.append("$ ").append(String.join(" ", argv)).append('\n');
      if (left.isNegative() || left.isZero()) {
        text.append("# not run: the action's timeout was used up\n\n");
        timedOut = true;
        continue;
      }
      CommandResult r = runner.run(argv, left);
      append(text, r.stdout());
      if (r.timedOut()) {
        text.append("# killed after ").append(left.toMillis()).append(" ms\n");
        timedOut = true;
      } else if (r.exitCode() != 0) {
        String why = argv.get(0) + " exited " + r.exitCode() + ": " + r.stderrFirstLine();
        text.append("# ").append(why).append('\n');
        firstProblem = firstProblem == null ? why : firstProblem;
      } else {
        captured = true;
      }
      text.append('\n');
    }
    if (!captured) {
      return timedOut ? new ActionResult(ActionResult.Status.TIMED_OUT,
          name() + " did not finish within " + ctx.timeout(), List.of())
          : ActionResult.failed(firstProblem == null ? "nothing captured" : firstProblem);
    }
    try {
      ctx.evidence().write(evidenceFile(), text.toString());
    } catch (IOException e) {
      return ActionResult.failed("cannot write " + evidenceFile() + ": " + e.getMessage());
    }
    return ActionResult.ok(name() + ": " + text.length() + " characters", List.of(evidenceFile()));
  }

  /** A tool's output, cut at {@link #MAX_BYTES} with a note. */
  static void append(StringBuilder text, byte[] stdout) {
    int keep = Math.min(stdout.length, MAX_BYTES);
    text.append(new String(stdout, 0, keep, StandardCharsets.UTF_8));
    if (keep > 0 && stdout[keep - 1] != '\n') {
      text.append('\n');
    }
    if (stdout.length > keep) {
      text.append("# cut at ").append(MAX_BYTES).append(" of ").append(stdout.length).append(" bytes\n");
    }
  }

  /** The optional {@code port} parameter, 1..65535. */
  static List<String> checkPort(Map<String, String> params) {
    return Params.checkInt(params, "port", false, 1, 65_535);
  }
}
