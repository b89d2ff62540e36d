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
 * {@code set_swappiness}: the guide's {@code sysctl vm.swappiness=10} without sysctl or a shell: writes
 * {@code value} (0..200) to {@code <procDir>/sys/vm/swappiness}, reads it back to verify, and records
 * {@code vm.swappiness: previous -> new} in {@code swappiness.txt}.
 *
 * <p>Host-wide: the target pid is ignored, so this never returns TARGET_GONE (swapping less helps the survivors
 * whether or not the target still runs). Kernels before 5.8 accept only 0..100 and refuse more with
 * "Invalid argument", which comes back as FAILED. The change lasts until reboot; it is not written to
 * {@code /etc/sysctl.d}.
 */
public final class SetSwappinessAction implements Action {

  public static final String NAME = "set_swappiness";
  public static final String VALUE = "value";
  public static final String FILE = "swappiness.txt";
  static final int MIN = 0;
  static final int MAX = 200;

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
    return Params.checkInt(params, VALUE, true, MIN, MAX);
  }

  @Override
  public ActionResult run(ActionContext ctx) {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    int wanted = Params.readInt(ctx.params(), VALUE, -1);
    Path file = ctx.procDir().resolve("sys/vm/swappiness");
    String previous;
    String now;
    try {
      previous = Files.readString(file).strip();
      // No CREATE: a missing file means no such sysctl here, not one to make. TRUNCATE matters for fixture trees.
      Files.write(file, (wanted + "\n").getBytes(StandardCharsets.US_ASCII), WRITE, TRUNCATE_EXISTING);
      now = Files.readString(file).strip();
    } catch (IOException e) {
      return ActionResult.failed("cannot set vm.swappiness (" + file + "): " + ProcFiles.reason(e));
    }
    if (!now.equals(Integer.toString(wanted))) {
      return ActionResult.failed("wrote " + wanted + " to vm.swappiness but it reads " + now);
    }
    String detail = "vm.swappiness: " + previous + " -> " + now;
    try {
      ctx.evidence().write(FILE, detail + "\n");
    } catch (IOException e) {
      // The host was changed; saying FAILED would invite a retry, so report OK without the record.
      return ActionResult.ok(detail + " (evidence not written: " + e.getMessage() + ")", List.of());
    }
    return ActionResult.ok(detail, List.of(FILE));
  }
}
