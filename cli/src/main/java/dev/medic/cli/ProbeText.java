package dev.medic.cli;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.facts.SwapDevice;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/** Renders a {@link ProbeReport} for a terminal: one short section per question the guide asks. */
final class ProbeText {

  /** Cgroups at or above this share of their limit are marked. */
  static final double NEAR_LIMIT_PERCENT = 80;
  static final int MAX_CGROUPS = 10;
  static final int MAX_OOM_KILLS = 5;

  private ProbeText() {}

  /** @param gapMillis the time between the two reads the network counters' increases cover */
  static void print(ProbeReport r, PrintWriter out, long gapMillis) {
    memory(r, out);
    pressure(r, out);
    cgroups(r, out);
    oomKills(r, out);
    processes(r, out);
    if (!r.findings.isEmpty()) {
      out.println("Limits that look wrong:");
      r.findings.forEach(f -> out.println("  " + f));
    }
    r.network.print(out, gapMillis);
    out.flush();
  }

  private static void memory(ProbeReport r, PrintWriter out) {
    r.memory.ifPresentOrElse(m -> {
      out.printf(Locale.ROOT, "Memory: %s total, %s available (%s), %s used; swap %s of %s used (%s)%n",
          Sizes.human(m.total()), Sizes.human(m.available()), Sizes.percent(m.availablePercent()),
          Sizes.percent(m.usedPercent()), Sizes.human(m.swapTotal() - m.swapFree()), Sizes.human(m.swapTotal()),
          Sizes.percent(m.swapUsedPercent()));
      if (m.free() != null) {
        out.printf(Locale.ROOT, "  free %s, cache %s, reclaimable slab %s, shmem %s, committed %s of %s%s%n",
            Sizes.human(m.free()), Sizes.human(m.cached()), Sizes.human(m.reclaimable()), Sizes.human(m.shmem()),
            Sizes.human(m.committed()), Sizes.human(m.commitLimit()),
            m.hugePagesTotal() == null || m.hugePagesTotal() == 0 ? ""
                : ", huge pages " + m.hugePagesFree() + " free of " + m.hugePagesTotal());
      }
    }, () -> out.println("Memory: /proc/meminfo unreadable"));
    for (SwapDevice s : r.swaps) {
      out.printf(Locale.ROOT, "  swap %s (%s) %s of %s (%.1f%%), priority %d%n", Printable.of(s.device()), s.kind(),
          Sizes.human(s.used()), Sizes.human(s.size()), s.usedPercent(), s.priority());
    }
    r.vmstat.filter(v -> v.pgscanPerSec() != null).ifPresent(v -> out.printf(Locale.ROOT,
        "  reclaim %s pages/s scanned (%s direct), swap in %s/s out %s/s, %s major faults/s%n",
        rate(v.pgscanPerSec()), rate(v.pgscanDirectPerSec()), rate(v.swapInPerSec()), rate(v.swapOutPerSec()),
        rate(v.majorFaultsPerSec())));
    r.settings.ifPresent(s -> out.printf(Locale.ROOT,
        "  vm.swappiness %s, vm.overcommit_memory %s, vm.min_free_kbytes %s, vm.panic_on_oom %s%n",
        orDash(s.swappiness()), orDash(s.overcommitMemory()), s.minFree() == null ? "-" : s.minFree() / 1024,
        orDash(s.panicOnOom())));
  }

  private static void pressure(ProbeReport r, PrintWriter out) {
    if (r.pressure.isEmpty()) {
      out.println("Pressure: not available (kernel without PSI)");
    }
    for (PressureSample p : r.pressure) {
      out.printf(Locale.ROOT, "Pressure %-6s some %s now, avg10 %.2f avg60 %.2f avg300 %.2f; full %s now, avg10 %s%n",
          p.resource(), Sizes.percent(p.someNow()), p.someAvg10(), p.someAvg60(), p.someAvg300(),
          Sizes.percent(p.fullNow()), p.fullAvg10() == null ? "-" : String.format(Locale.ROOT, "%.2f", p.fullAvg10()));
    }
  }

  private static void cgroups(ProbeReport r, PrintWriter out) {
    out.println(r.cgroups.isEmpty() ? "Cgroups with a memory limit: none"
        : "Cgroups with a memory limit (fullest first):");
    for (CgroupSample c : r.cgroups.subList(0, Math.min(MAX_CGROUPS, r.cgroups.size()))) {
      boolean near = c.usagePercent() != null && c.usagePercent() >= NEAR_LIMIT_PERCENT;
      out.printf(Locale.ROOT, "  %s %7s of %-7s %6s  oom kills %s  %s%n", near ? "!" : " ", Sizes.human(c.usage()),
          Sizes.human(c.limit()), Sizes.percent(c.usagePercent()), c.oomKills() == null ? "-" : c.oomKills(),
          Printable.of(c.path()));
    }
  }

  private static void oomKills(ProbeReport r, PrintWriter out) {
    if (r.oomKills.isEmpty()) {
      return;
    }
    out.println("Recent OOM kills (newest first):");
    for (OomKill k : r.oomKills.subList(0, Math.min(MAX_OOM_KILLS, r.oomKills.size()))) {
      out.printf(Locale.ROOT, "  %s  pid %d (%s) anon-rss %s, oom_score_adj %s, %s%n",
          Instant.ofEpochMilli(k.kernelTime()), k.pid(), Printable.of(k.comm()), Sizes.human(k.anonRss()),
          orDash(k.oomScoreAdj()), k.global() ? "system out of memory"
              : "limit of cgroup " + Printable.of(k.oomCgroup()));
    }
  }

  private static void processes(ProbeReport r, PrintWriter out) {
    out.printf("Top processes by memory (sorted by %s):%n%7s %-15s %7s %7s %7s %7s %8s %5s %5s  %s%n",
        r.order.word(), "PID", "COMM", "RSS", "PSS", "USS", "SWAP", "GROWTH", "OOM", "ADJ",
        "UNIT / CGROUP  COMMAND");
    for (ProcessSample p : r.processes) {
      String where = p.container() != null ? "container " + p.container().substring(0, Math.min(12,
          p.container().length())) : p.unit() != null ? p.unit() : p.memoryCgroup() == null ? "-" : p.memoryCgroup();
      out.printf(Locale.ROOT, "%7d %-15s %7s %7s %7s %7s %8s %5s %5s  %s  %s%n", p.pid(), Printable.of(p.comm()),
          Sizes.human(p.rss()), Sizes.human(p.pss()), Sizes.human(p.uss()), Sizes.human(p.swap()), growth(p),
          orDash(p.oomScore()), orDash(p.oomScoreAdj()), Printable.of(where), Printable.of(truncate(p.cmdline(), 60)));
    }
  }

  private static String growth(ProcessSample p) {
    if (p.rssGrowth() == null) {
      return "-";
    }
    long perMinute = Math.round(p.rssGrowth());
    return (perMinute >= 0 ? "+" : "-") + Sizes.human(Math.abs(perMinute)) + "/m";
  }

  private static String rate(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String orDash(Object v) {
    return v == null ? "-" : v.toString();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
