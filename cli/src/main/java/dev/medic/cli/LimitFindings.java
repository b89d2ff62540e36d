package dev.medic.cli;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.proc.CgroupPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Limits that look wrong (the guide's "misconfigured applications" and {@code ulimit -a} steps): a large consumer
 * that no memory cgroup limits, and a process close to its open-files limit.
 */
final class LimitFindings {

  /** A process above this share of host memory with no memory limit could take the host down alone. */
  static final double LARGE_SHARE_PERCENT = 10;
  /** A process using this much of its open-files limit is about to see EMFILE. */
  static final double NEAR_FD_LIMIT_PERCENT = 80;

  private LimitFindings() {}

  static List<String> find(Optional<MemorySample> memory, List<CgroupSample> cgroups, List<ProcessSample> top,
      List<ProcessLimits> limits) {
    List<String> out = new ArrayList<>();
    Set<String> limited = cgroups.stream().filter(c -> c.limit() != null).map(CgroupSample::path)
        .collect(Collectors.toSet());
    memory.ifPresent(m -> {
      for (ProcessSample p : top) {
        double share = 100.0 * p.rss() / m.total();
        if (share >= LARGE_SHARE_PERCENT && !underLimit(p.memoryCgroup(), limited)) {
          out.add(String.format(Locale.ROOT, "pid %d (%s) holds %s (%.0f%% of memory) and no memory cgroup limits it%s",
              p.pid(), Printable.of(p.comm()), Sizes.human(p.rss()), share,
              p.memoryCgroup() == null ? "" : " (cgroup " + Printable.of(p.memoryCgroup()) + ")"));
        }
      }
    });
    Map<Integer, ProcessSample> byPid = top.stream().collect(Collectors.toMap(ProcessSample::pid, Function.identity()));
    for (ProcessLimits l : limits) {
      ProcessSample p = byPid.get(l.pid());
      if (p != null && p.openFds() != null && l.openFiles() != null && l.openFiles() != Long.MAX_VALUE
          && p.openFds() >= l.openFiles() * NEAR_FD_LIMIT_PERCENT / 100) {
        out.add(String.format(Locale.ROOT, "pid %d (%s) has %d of its %d open files (ulimit -n)", p.pid(),
            Printable.of(p.comm()), p.openFds(), l.openFiles()));
      }
    }
    return out;
  }

  /** The cgroup or one of its ancestors has a limit (v1 and v2 limits apply to the whole subtree). */
  static boolean underLimit(String cgroup, Set<String> limited) {
    for (String c = cgroup; c != null && !c.isEmpty(); c = CgroupPaths.parent(c)) {
      if (limited.contains(c)) {
        return true;
      }
    }
    return false;
  }
}
