package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code capture_smaps}: copies {@code smaps_rollup} (Rss, Pss, Swap… summed over the whole process) to
 * {@code smaps_rollup.txt}; with {@code full: "true"} also the per-mapping {@code smaps} to {@code smaps.txt}
 * (much larger, so opt-in). Reads go through {@code ctx.host()}, so this works on fixture trees too.
 */
public final class CaptureSmapsAction implements Action {

  public static final String NAME = "capture_smaps";
  public static final String FULL = "full";

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
    return Set.of(FULL);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    String full = params.get(FULL);
    if (full != null && !full.equals("true") && !full.equals("false")) {
      return List.of("parameter 'full' must be \"true\" or \"false\", got '" + full + "'");
    }
    return List.of();
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    int pid = ctx.pid();
    if (!ProcFiles.alive(ctx.host(), pid)) {
      return ActionResult.gone(pid);
    }
    List<String> sources = "true".equals(ctx.params().get(FULL)) ? List.of("smaps_rollup", "smaps")
        : List.of("smaps_rollup");
    Map<String, byte[]> read;
    try {
      read = ProcFiles.withTimeout(ctx.timeout(), () -> {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String source : sources) {
          contents.put(source, Files.readAllBytes(ctx.procFile(source)));
        }
        return contents;
      });
    } catch (TimeoutException e) {
      return new ActionResult(ActionResult.Status.TIMED_OUT,
          "reading smaps of pid " + pid + " took longer than " + ctx.timeout(), List.of());
    } catch (IOException e) {
      return ProcFiles.alive(ctx.host(), pid) ? ActionResult.failed("cannot read smaps: " + ProcFiles.reason(e))
          : ActionResult.gone(pid);
    }
    // A process that exits while we read leaves empty files behind, not errors.
    if (read.values().stream().anyMatch(c -> c.length == 0) && !ProcFiles.alive(ctx.host(), pid)) {
      return ActionResult.gone(pid);
    }
    List<String> written = new ArrayList<>();
    try {
      for (Map.Entry<String, byte[]> e : read.entrySet()) {
        written.add(ctx.evidence().write(e.getKey() + ".txt", new String(e.getValue(), StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      return ActionResult.failed("cannot write smaps evidence: " + e.getMessage());
    }
    return ActionResult.ok("smaps of pid " + pid + ": " + String.join(", ", written), written);
  }
}
