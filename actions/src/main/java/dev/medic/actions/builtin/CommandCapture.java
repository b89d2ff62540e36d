package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.CommandResult;
import dev.medic.actions.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Base of the captures that run one tool against the pid and keep its stdout as one evidence file (oomd's
 * BaseKillPlugin idea: the shared logic lives once, the leaves only say which command and which file).
 *
 * <p>Outcomes: the pid is gone before the start, or the tool failed and the pid is gone afterwards →
 * TARGET_GONE; the tool outlived the timeout → TIMED_OUT; any other non-zero exit → FAILED with stderr's first
 * line; otherwise OK with the file written.
 *
 * <p>Live-only: the tools read the real {@code /proc} whatever {@link ActionContext#host()} says. The
 * gone-checks use the host's {@code /proc}, which is the real one on a live host.
 */
abstract class CommandCapture implements Action {

  private final CommandRunner runner = new CommandRunner();

  /** The command for this pid, as an argv (it is never passed through a shell). */
  abstract List<String> argv(int pid);

  /** The evidence file the command's stdout becomes. */
  abstract String evidenceFile();

  @Override
  public final boolean changesHost() {
    return false;
  }

  @Override
  public final ActionResult run(ActionContext ctx) throws InterruptedException {
    int pid = ctx.pid();
    if (!ProcFiles.alive(ctx.host(), pid)) {
      return ActionResult.gone(pid);
    }
    List<String> argv = argv(pid);
    String tool = argv.get(0);
    CommandResult result = runner.run(argv, ctx.timeout());
    if (result.timedOut()) {
      return new ActionResult(ActionResult.Status.TIMED_OUT,
          tool + " did not finish within " + ctx.timeout() + " and was killed", List.of());
    }
    if (result.exitCode() != 0 || result.stdout().length == 0) {
      if (!ProcFiles.alive(ctx.host(), pid)) {
        return ActionResult.gone(pid);
      }
      if (result.exitCode() != 0) {
        return ActionResult.failed(tool + " exited " + result.exitCode() + ": " + result.stderrFirstLine());
      }
    }
    try {
      // text: pmap's header repeats the command line, lsof names files a process chose; both get the policy
      ctx.evidence().write(evidenceFile(), new String(result.stdout(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return ActionResult.failed("cannot write " + evidenceFile() + ": " + e.getMessage());
    }
    return ActionResult.ok(tool + " of pid " + pid + ": " + result.stdout().length + " bytes", List.of(evidenceFile()));
  }
}
