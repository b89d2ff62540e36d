package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.proc.CgroupNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code set_memory_high}: buys time while evidence is taken. Writes a temporary {@code memory.high} of
 * {@code percent} (50..99, default 90) of {@code memory.max} to the target's cgroup v2, where the kernel throttles
 * and reclaims a cgroup above it instead of killing, holds it for {@code hold} (1s..60s, default 5s, and within
 * the action timeout), then writes the previous value back, in every outcome. {@code memory_high.txt} records
 * {@code previous -> new} and the restore; the action's journal line says both. cgroup v1 has no such throttle
 * (its soft limit acts only under host-wide pressure): there the action fails and changes nothing.
 */
public final class SetMemoryHighAction implements Action {

  public static final String NAME = "set_memory_high";
  public static final String PERCENT = "percent";
  public static final String HOLD = "hold";
  public static final String FILE = "memory_high.txt";
  static final int DEFAULT_PERCENT = 90;
  static final Duration DEFAULT_HOLD = Duration.ofSeconds(5);
  private static final long PAGE = 4096;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return true;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(PERCENT, HOLD);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    List<String> problems = new ArrayList<>(Params.checkInt(params, PERCENT, false, 50, 99));
    problems.addAll(Params.checkDuration(params, HOLD, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    return problems;
  }

  /** The throttle for a limit: {@code percent} of it, rounded down to a page. */
  static long high(long max, int percent) {
    return max / 100 * percent / PAGE * PAGE;
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    if (!ProcFiles.alive(ctx.host(), ctx.pid())) {
      return ActionResult.gone(ctx.pid());
    }
    if (ProcFiles.reused(ctx)) {
      return ProcFiles.reusedResult(ctx);
    }
    int percent = Params.readInt(ctx.params(), PERCENT, DEFAULT_PERCENT);
    Duration hold = Params.readDuration(ctx.params(), HOLD, DEFAULT_HOLD);
    Duration budget = ctx.timeout().minusSeconds(1);
    if (hold.compareTo(budget) > 0) {
      hold = budget.isNegative() ? Duration.ZERO : budget;
    }
    String cgroup;
    Path dir;
    String previous;
    long max;
    try {
      cgroup = CgroupNames.of(KernelFiles.read(ctx.procFile("cgroup"))).memory();
      if (cgroup == null) {
        return ActionResult.failed("pid " + ctx.pid() + " is in no memory cgroup");
      }
      dir = ctx.host().sys("fs/cgroup").resolve(cgroup.substring(1));
      if (!Files.exists(dir.resolve("memory.high"))) {
        return ActionResult.failed("cgroup " + cgroup + " has no memory.high (cgroup v1): nothing to throttle with");
      }
      String limit = KernelFiles.read(dir.resolve("memory.max")).strip();
      if (limit.equals("max")) {
        return ActionResult.failed("cgroup " + cgroup + " has no memory.max to take " + percent + "% of");
      }
      max = Long.parseLong(limit);
      previous = KernelFiles.read(dir.resolve("memory.high")).strip();
    } catch (IOException e) {
      return ProcFiles.alive(ctx.host(), ctx.pid()) ? ActionResult.failed("cannot read the cgroup of pid "
          + ctx.pid() + ": " + ProcFiles.reason(e)) : ActionResult.gone(ctx.pid());
    } catch (NumberFormatException e) {
      return ActionResult.failed("memory.max is not a number: " + e.getMessage());
    }
    long high = high(max, percent);
    StringBuilder record = new StringBuilder("cgroup " + cgroup + "\nmemory.max " + max + "\n");
    Path file = dir.resolve("memory.high");
    try {
      Files.writeString(file, Long.toString(high));
    } catch (IOException e) {
      return ActionResult.failed("cannot set memory.high of cgroup " + cgroup + ": " + ProcFiles.reason(e));
    }
    record.append("memory.high ").append(previous).append(" -> ").append(high).append(" for ")
        .append(Params.format(hold)).append('\n');
    String restored;
    try {
      Thread.sleep(hold.toMillis());
    } finally {
      restored = restore(file, previous);
      record.append(restored).append('\n');
    }
    List<String> evidence = new ArrayList<>();
    try {
      evidence.add(ctx.evidence().write(FILE, record.toString()));
    } catch (IOException e) {
      return ActionResult.failed("memory.high was set and " + restored + ", but " + FILE + " could not be written: "
          + ProcFiles.reason(e));
    }
    String detail = "memory.high of cgroup " + cgroup + ": " + previous + " -> " + high + " for "
        + Params.format(hold) + ", " + restored;
    return restored.startsWith("restored") ? ActionResult.ok(detail, evidence) : ActionResult.failed(detail);
  }

  private static String restore(Path file, String previous) {
    try {
      Files.writeString(file, previous);
      return "restored to " + previous;
    } catch (IOException e) {
      return "NOT restored to " + previous + ": " + ProcFiles.reason(e);
    }
  }
}
