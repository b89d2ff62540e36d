package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.CommandResult;
import dev.medic.actions.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code capture_log}: the guide's {@code journalctl _PID=<PID>}, run as
 * {@code journalctl _PID=<pid> -n <lines> --no-pager -o short-iso} (argv, no shell); its standard output becomes
 * {@code log.txt}. Parameter {@code lines}: how many of the newest entries, 1..10000, default 200.
 *
 * <p><b>Unlike the other captures, this never returns TARGET_GONE.</b> The journal keeps a process's lines after
 * it exits, and the lines of a process the OOM killer just took are exactly what an OOM runbook wants, so a dead
 * pid is captured like a live one; the detail says whether the process was still running. The flip side: the
 * journal is matched by pid only, so it may also hold lines of an earlier process (this boot or an earlier one)
 * that had the same pid. {@code short-iso} timestamps make that visible.
 *
 * <p>Outcomes: journalctl exits 0 → OK, also when it prints only {@code -- No entries --} (no lines for the pid,
 * or no journal at all: journalctl then also says {@code No journal files were found.} on stderr, which the
 * detail repeats); journalctl missing or not startable → FAILED saying so; any other non-zero exit → FAILED with
 * stderr's first line; outlived the timeout → TIMED_OUT. Live-only: journalctl reads the host's journal whatever
 * {@link ActionContext#host()} says; the host is only used to tell whether the pid still runs.
 */
public final class CaptureLogAction implements Action {

  public static final String NAME = "capture_log";
  public static final String LINES = "lines";
  public static final String FILE = "log.txt";
  static final int DEFAULT_LINES = 200;
  static final int MAX_LINES = 10_000;
  static final String NO_ENTRIES = "-- No entries --";

  private final CommandRunner runner = new CommandRunner();
  private final String journalctl;

  public CaptureLogAction() {
    this("journalctl");
  }

  /** With another journalctl executable: for tests (a missing one, or one that prints its argv). */
  CaptureLogAction(String journalctl) {
    this.journalctl = journalctl;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return false;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(LINES);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    return Params.checkInt(params, LINES, false, 1, MAX_LINES);
  }

  List<String> argv(int pid, int lines) {
    return List.of(journalctl, "_PID=" + pid, "-n", Integer.toString(lines), "--no-pager", "-o", "short-iso");
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    int pid = ctx.pid();
    boolean runningBefore = ProcFiles.alive(ctx.host(), pid);
    CommandResult result = runner.run(argv(pid, Params.readInt(ctx.params(), LINES, DEFAULT_LINES)), ctx.timeout());
    if (result.timedOut()) {
      return new ActionResult(ActionResult.Status.TIMED_OUT,
          "journalctl did not finish within " + ctx.timeout() + " and was killed", List.of());
    }
    if (result.exitCode() == -1 && result.stderr().startsWith("cannot start")) {
      return ActionResult.failed("journalctl could not be started (is systemd's journalctl installed?): "
          + result.stderrFirstLine());
    }
    if (result.exitCode() != 0) {
      return ActionResult.failed("journalctl exited " + result.exitCode() + ": " + result.stderrFirstLine());
    }
    try {
      ctx.evidence().write(FILE, new String(result.stdout(), StandardCharsets.UTF_8)); // redacted as text
    } catch (IOException e) {
      return ActionResult.failed("cannot write " + FILE + ": " + e.getMessage());
    }
    String out = new String(result.stdout(), StandardCharsets.UTF_8);
    String what = out.strip().equals(NO_ENTRIES) || out.isBlank()
        ? "no entries" + (result.stderr().isBlank() ? "" : " (journalctl: " + result.stderrFirstLine() + ")")
        : out.lines().filter(l -> !l.startsWith("-- ")).count() + " lines";
    String state = runningBefore ? "" : ", process not running";
    return ActionResult.ok("journal of pid " + pid + state + ": " + what, List.of(FILE));
  }
}
