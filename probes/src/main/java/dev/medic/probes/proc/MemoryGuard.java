package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;

/**
 * Medic's own resident memory against a budget, checked before each process-table read: above it, the read sheds
 * its optional work (smaps_rollup for every process but the largest, and for the largest of each limited cgroup),
 * which is what grows with the host, so the agent stays small exactly when the host is short of memory. Opt-in:
 * the budget is the system property {@code medic.memoryBudgetMiB}, which the launcher sets for {@code run}; without
 * it nothing is shed (embedded readers in tests keep their exact output).
 */
public final class MemoryGuard {

  static final String PROPERTY = "medic.memoryBudgetMiB";

  private final HostRoot self = HostRoot.live();
  private final int pid = (int) ProcessHandle.current().pid();
  private final long budget;
  private final ProbeMetrics metrics;

  /** @param budget bytes; 0 or less: never shed */
  MemoryGuard(long budget, ProbeMetrics metrics) {
    this.budget = budget;
    this.metrics = metrics;
  }

  /** The guard the property asks for (a budget of 0 when it is unset: never sheds). */
  static MemoryGuard configured(ProbeMetrics metrics) {
    String value = System.getProperty(PROPERTY);
    long mib = 0;
    if (value != null && !value.isBlank()) {
      try {
        mib = Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-D" + PROPERTY + ": expected MiB as a whole number, got '" + value + "'");
      }
    }
    return new MemoryGuard(mib << 20, metrics);
  }

  /** Whether a resident size is over the budget. */
  static boolean over(Long rss, long budget) {
    return budget > 0 && rss != null && rss > budget;
  }

  /** Reads this process's own VmRSS ({@code /proc/self}, the live one whatever host is watched). */
  boolean shedding() {
    if (budget <= 0) {
      return false;
    }
    try {
      return over(PidStatus.read(self, pid, metrics).rss(), budget);
    } catch (IOException | KernelFormatException e) {
      return false;
    }
  }
}
