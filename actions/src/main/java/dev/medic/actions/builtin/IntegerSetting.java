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
import java.util.Optional;
import java.util.Set;

/**
 * The shared body of actions that set one integer in a {@code /proc} file ({@code oom_score_adj},
 * {@code vm.swappiness}): validate the {@code value} parameter, read the previous value, write, read back, and
 * record {@code previous -> new} as evidence. Subclasses name the file and its range.
 */
abstract class IntegerSetting implements Action {

  static final String VALUE = "value";

  /** The file to write. */
  abstract Path file(ActionContext ctx);

  /** What the operator reads: {@code oom_score_adj of pid 42}, {@code vm.swappiness}. */
  abstract String label(ActionContext ctx);

  abstract int min();

  abstract int max();

  /** The evidence file's name. */
  abstract String evidenceFile();

  /** A result to return instead of writing (the target is gone), or empty to go ahead. */
  Optional<ActionResult> before(ActionContext ctx) {
    return Optional.empty();
  }

  /** The result when reading or writing failed. */
  ActionResult writeFailed(ActionContext ctx, IOException e) {
    return ActionResult.failed("cannot set " + label(ctx) + ": " + ProcFiles.reason(e));
  }

  @Override
  public final boolean changesHost() {
    return true;
  }

  @Override
  public final Set<String> parameters() {
    return Set.of(VALUE);
  }

  @Override
  public final List<String> validate(Map<String, String> params) {
    return Params.checkInt(params, VALUE, true, min(), max());
  }

  @Override
  public final ActionResult run(ActionContext ctx) {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    Optional<ActionResult> instead = before(ctx);
    if (instead.isPresent()) {
      return instead.get();
    }
    int wanted = Integer.parseInt(ctx.params().get(VALUE).strip());
    Path file = file(ctx);
    String previous;
    String now;
    try {
      previous = Files.readString(file).strip();
      // No CREATE: a missing file means a vanished pid or an absent sysctl, never one to make. TRUNCATE matters
      // for fixture trees, where the file is a plain file.
      Files.write(file, (wanted + "\n").getBytes(StandardCharsets.US_ASCII), WRITE, TRUNCATE_EXISTING);
      now = Files.readString(file).strip();
    } catch (IOException e) {
      return writeFailed(ctx, e);
    }
    if (!now.equals(Integer.toString(wanted))) {
      return ActionResult.failed("wrote " + wanted + " to " + label(ctx) + " but it reads " + now);
    }
    String detail = label(ctx) + ": " + previous + " -> " + now;
    try {
      ctx.evidence().write(evidenceFile(), detail + "\n");
    } catch (IOException e) {
      // The host was changed; saying FAILED would invite a retry, so report OK without the record.
      return ActionResult.ok(detail + " (evidence not written: " + e.getMessage() + ")", List.of());
    }
    return ActionResult.ok(detail, List.of(evidenceFile()));
  }
}
