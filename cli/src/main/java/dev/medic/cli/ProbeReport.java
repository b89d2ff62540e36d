package dev.medic.cli;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessSample;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sweep as the answer to the guide's first questions: {@code free -h} (memory and swap), pressure, cgroups
 * near their limits, and {@code ps aux --sort=-%mem} / {@code smem --sort=uss} (top processes with RSS, PSS, USS,
 * swap and oom_score).
 */
final class ProbeReport {

  /** Cgroups at or above this share of their limit are shown first and marked. */
  static final double NEAR_LIMIT_PERCENT = 80;

  private final long timestamp;
  private final Optional<MemorySample> memory;
  private final List<PressureSample> pressure = new ArrayList<>();
  private final List<CgroupSample> cgroups = new ArrayList<>();
  private final List<ProcessSample> processes = new ArrayList<>();

  ProbeReport(long timestamp, List<Fact> facts, int top) {
    this.timestamp = timestamp;
    MemorySample mem = null;
    List<ProcessSample> all = new ArrayList<>();
    for (Fact f : facts) {
      if (f instanceof MemorySample m) {
        mem = m;
      } else if (f instanceof PressureSample p) {
        pressure.add(p);
      } else if (f instanceof CgroupSample c) {
        cgroups.add(c);
      } else if (f instanceof ProcessSample p && !p.kernelThread()) {
        all.add(p);
      }
    }
    memory = Optional.ofNullable(mem);
    cgroups.sort(Comparator.comparing((CgroupSample c) -> c.usagePercent() == null ? 0 : c.usagePercent()).reversed()
        .thenComparing(CgroupSample::path));
    all.sort(Comparator.comparingLong(ProcessSample::rss).reversed().thenComparingInt(ProcessSample::pid));
    processes.addAll(top > 0 && all.size() > top ? all.subList(0, top) : all);
  }

  void printText(PrintWriter out) {
    memory.ifPresentOrElse(m -> out.printf(Locale.ROOT,
        "Memory: %s total, %s available (%s), %s used; swap %s of %s used (%s)%n",
        Sizes.human(m.total()), Sizes.human(m.available()), Sizes.percent(m.availablePercent()),
        Sizes.percent(m.usedPercent()), Sizes.human(m.swapTotal() - m.swapFree()), Sizes.human(m.swapTotal()),
        Sizes.percent(m.swapUsedPercent())), () -> out.println("Memory: /proc/meminfo unreadable"));
    if (pressure.isEmpty()) {
      out.println("Pressure: not available (kernel without PSI)");
    }
    for (PressureSample p : pressure) {
      out.printf(Locale.ROOT, "Pressure %-6s some %s now, avg10 %.2f avg60 %.2f avg300 %.2f; full %s now, avg10 %s%n",
          p.resource(), Sizes.percent(p.someNow()), p.someAvg10(), p.someAvg60(), p.someAvg300(),
          Sizes.percent(p.fullNow()), p.fullAvg10() == null ? "-" : String.format(Locale.ROOT, "%.2f", p.fullAvg10()));
    }
    out.println(cgroups.isEmpty() ? "Cgroups with a memory limit: none" : "Cgroups with a memory limit (fullest first):");
    for (CgroupSample c : cgroups.subList(0, Math.min(10, cgroups.size()))) {
      boolean near = c.usagePercent() != null && c.usagePercent() >= NEAR_LIMIT_PERCENT;
      out.printf(Locale.ROOT, "  %s %7s of %-7s %6s  oom kills %s  %s%n", near ? "!" : " ", Sizes.human(c.usage()),
          Sizes.human(c.limit()), Sizes.percent(c.usagePercent()), c.oomKills() == null ? "-" : c.oomKills(),
          Printable.of(c.path()));
    }
    out.printf("Top processes by memory:%n%7s %-15s %7s %7s %7s %7s %5s %5s  %s%n",
        "PID", "COMM", "RSS", "PSS", "USS", "SWAP", "OOM", "ADJ", "CGROUP / COMMAND");
    for (ProcessSample p : processes) {
      out.printf(Locale.ROOT, "%7d %-15s %7s %7s %7s %7s %5s %5s  %s  %s%n", p.pid(), Printable.of(p.comm()),
          Sizes.human(p.rss()), Sizes.human(p.pss()), Sizes.human(p.uss()), Sizes.human(p.swap()),
          p.oomScore() == null ? "-" : p.oomScore(), p.oomScoreAdj() == null ? "-" : p.oomScoreAdj(),
          p.memoryCgroup() == null ? "-" : Printable.of(p.memoryCgroup()), Printable.of(truncate(p.cmdline(), 60)));
    }
    out.flush();
  }

  /** The JSON form: sizes in bytes, fields named as in runbooks. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timestamp", timestamp);
    m.put("memory", memory.orElse(null));
    m.put("pressure", pressure);
    m.put("cgroups", cgroups);
    m.put("processes", processes);
    return m;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
