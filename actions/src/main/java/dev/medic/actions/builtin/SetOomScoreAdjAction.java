package dev.medic.actions.builtin;

import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code set_oom_score_adj}: writes {@code value} (-1000..1000) to {@code /proc/<pid>/oom_score_adj}, the
 * equivalent of {@code echo N > /proc/<pid>/oom_score_adj} without a shell. It reads the value back to verify
 * and records {@code previous -> new} in {@code oom_score_adj.txt}. Lowering the value below the previous one
 * needs CAP_SYS_RESOURCE; the kernel's refusal comes back as FAILED.
 */
public final class SetOomScoreAdjAction implements Action {

  public static final String NAME = "set_oom_score_adj";
  public static final String VALUE = "value";
  public static final String FILE = "oom_score_adj.txt";
  static final int MIN = -1000;
  static final int MAX = 1000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return true;
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    String value = params.get(VALUE);
    if (value == null) {
      return List.of("parameter 'value' is required: an integer from " + MIN + " to " + MAX);
    }
    try {
      int v = Integer.parseInt(value.strip());
      return v < MIN || v > MAX
          ? List.of("parameter 'value' must be from " + MIN + " to " + MAX + ", got " + v) : List.of();
    } catch (NumberFormatException e) {
      return List.of("parameter 'value' must be an integer from " + MIN + " to " + MAX + ", got '" + value + "'");
    }
  }

  @Override
  public ActionResult run(ActionContext ctx) {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    int pid = ctx.pid();
    int wanted = Integer.parseInt(ctx.params().get(VALUE).strip());
    Path file = ctx.procFile("oom_score_adj");
    if (!ProcFiles.alive(ctx.procDir(), pid) || !Files.exists(file)) {
      return ActionResult.gone(pid);
    }
    String previous;
    String now;
    try {
      previous = Files.readString(file).strip();
      // No CREATE: on a vanished pid the open must fail, not make a file. TRUNCATE matters for fixture trees.
      Files.write(file, (wanted + "\n").getBytes(StandardCharsets.US_ASCII), WRITE, TRUNCATE_EXISTING);
      now = Files.readString(file).strip();
    } catch (IOException e) {
      return ProcFiles.alive(ctx.procDir(), pid)
          ? ActionResult.failed("cannot set oom_score_adj of pid " + pid + ": " + ProcFiles.reason(e))
          : ActionResult.gone(pid);
    }
    if (!now.equals(Integer.toString(wanted))) {
      return ActionResult.failed("wrote " + wanted + " to oom_score_adj of pid " + pid + " but it reads " + now);
    }
    String detail = "oom_score_adj of pid " + pid + ": " + previous + " -> " + now;
    try {
      ctx.evidence().write(FILE, detail + "\n");
    } catch (IOException e) {
      // The host was changed; saying FAILED would invite a retry, so report OK without the record.
      return ActionResult.ok(detail + " (evidence not written: " + e.getMessage() + ")", List.of());
    }
    return ActionResult.ok(detail, List.of(FILE));
  }
}
