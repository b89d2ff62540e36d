package dev.medic.actions.builtin;


import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code set_oom_score_adj}: writes {@code value} (-1000..1000) to {@code /proc/<pid>/oom_score_adj}, the
 * equivalent of {@code echo N > /proc/<pid>/oom_score_adj} without a shell. It reads the value back to verify
 * and records {@code previous -> new} in {@code oom_score_adj.txt}. Lowering the value below the previous one
 * needs CAP_SYS_RESOURCE; the kernel's refusal comes back as FAILED.
 */
public final class SetOomScoreAdjAction extends IntegerSetting {

  public static final String NAME = "set_oom_score_adj";
  public static final String VALUE = IntegerSetting.VALUE;
  public static final String FILE = "oom_score_adj.txt";
  static final int MIN = -1000;
  static final int MAX = 1000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  Path file(ActionContext ctx) {
    return ctx.procFile("oom_score_adj");
  }

  @Override
  String label(ActionContext ctx) {
    return "oom_score_adj of pid " + ctx.pid();
  }

  @Override
  int min() {
    return MIN;
  }

  @Override
  int max() {
    return MAX;
  }

  @Override
  String evidenceFile() {
    return FILE;
  }

  @Override
  Optional<ActionResult> before(ActionContext ctx) {
    boolean gone = !ProcFiles.alive(ctx.host(), ctx.pid()) || !java.nio.file.Files.exists(file(ctx));
    if (gone) {
      return Optional.of(ActionResult.gone(ctx.pid()));
    }
    return ProcFiles.reused(ctx) ? Optional.of(ProcFiles.reusedResult(ctx)) : Optional.empty();
  }

  /** A write that fails because the process exited meanwhile is "gone", not a failure. */
  @Override
  ActionResult writeFailed(ActionContext ctx, IOException e) {
    return ProcFiles.alive(ctx.host(), ctx.pid()) ? super.writeFailed(ctx, e) : ActionResult.gone(ctx.pid());
  }
}
