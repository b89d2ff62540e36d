package dev.medic.probes.cgroup;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.cgroup.CgroupMemoryFiles.Breakdown;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.proc.PsiFormat;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The detail of one limited cgroup beyond usage and limit: v2 {@code memory.high}, {@code memory.swap.current},
 * {@code memory.swap.max}, {@code memory.stat} and {@code memory.pressure}; v1 {@code memory.memsw.usage_in_bytes}
 * and {@code memory.stat}; and the OOM counters as deltas. Every file here is optional: a missing or garbled one
 * costs its fields, never the sample.
 */
final class CgroupDetails {

  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce;
  private final OomDeltas deltas = new OomDeltas();

  CgroupDetails(ProbeMetrics metrics, WarnOnce warnOnce) {
    this.metrics = metrics;
    this.warnOnce = warnOnce;
  }

  /**
   * v1 has no high threshold and no per-cgroup PSI, so those stay null. swapLimit stays null too: v1 caps memory
   * and swap together ({@code memory.memsw.limit_in_bytes}), and memsw.limit − limit is the swap a cgroup may use
   * only while its memory is at the limit; a rule comparing swapUsage to it would be wrong the rest of the time.
   */
  CgroupSample v1(Path dir, CgroupSample base) {
    Long swap = optional(dir, "memory.memsw.usage_in_bytes", c -> CgroupMemoryFiles.swapUsageV1(base.usage(), c));
    Breakdown breakdown = optional(dir, "memory.stat", c -> CgroupMemoryFiles.breakdown(c, 1, metrics));
    OomDeltas.Delta delta = deltas.next(base.path(), base.oomKills(), null);
    return CgroupMemoryFiles.withDetails(base, null, swap, null, delta.oomKills(), null,
        breakdown == null ? Breakdown.NONE : breakdown, null);
  }

  CgroupSample v2(Path dir, CgroupSample base, Long oomEvents) {
    Long high = optional(dir, "memory.high", c -> CgroupMemoryFiles.parseMaxOrBytes(c, "memory.high"));
    Long swap = optional(dir, "memory.swap.current", c -> CgroupMemoryFiles.parseBytes(c, "memory.swap.current"));
    Long swapMax = optional(dir, "memory.swap.max", c -> CgroupMemoryFiles.parseMaxOrBytes(c, "memory.swap.max"));
    Breakdown breakdown = optional(dir, "memory.stat", c -> CgroupMemoryFiles.breakdown(c, 2, metrics));
    PsiFormat.Avg10 pressure = optional(dir, "memory.pressure", c -> PsiFormat.avg10(c, metrics));
    OomDeltas.Delta delta = deltas.next(base.path(), base.oomKills(), oomEvents);
    return CgroupMemoryFiles.withDetails(base, high, swap, swapMax, delta.oomKills(), delta.oomEvents(),
        breakdown == null ? Breakdown.NONE : breakdown, pressure);
  }

  /**
   * A file that only adds detail: null when absent (swap accounting off, CONFIG_PSI=n; warned and counted once
   * per file name, not per cgroup), unreadable (the cgroup is going away) or garbled (counted).
   */
  private <T> T optional(Path dir, String file, Parser<T> parser) {
    String content;
    try {
      content = KernelFiles.read(dir.resolve(file));
    } catch (NoSuchFileException e) {
      // host-wide (a kernel feature is off), so the message names the file, not the cgroup
      if (warnOnce.warn("missing-" + file, "no {} in limited cgroups (swap accounting or PSI off?): fields stay null",
          file)) {
        metrics.countMissingSource();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
    try {
      return parser.parse(content);
    } catch (KernelFormatException e) {
      metrics.countSkippedRecord();
      warnOnce.warn("format-" + file, "{} of {} ignored: {}", file, dir, e.getMessage());
      return null;
    }
  }

  /** Call after each complete walk: see {@link OomDeltas#endSweep}. */
  void endSweep() {
    deltas.endSweep();
  }

  @FunctionalInterface
  private interface Parser<T> {
    T parse(String content) throws KernelFormatException;
  }
}
