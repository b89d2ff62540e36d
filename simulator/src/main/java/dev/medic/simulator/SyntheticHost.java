package dev.medic.simulator;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.EdacSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.facts.VmstatSample;
import dev.medic.probes.proc.CgroupPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * One sweep of a synthetic host, built fact by fact in the order a live sweep writes them (memory, pressure, vmstat,
 * edac, cgroups, processes, limits, then the OOM kills the sweep delivered). Values are derived the way the probes
 * derive them: percentages from sizes, a process's unit and container from its cgroup path, an OOM score from its
 * share of memory. Used by {@link ScenarioWriter}; nothing here reads the real host.
 */
final class SyntheticHost {

  static final long MIB = 1L << 20;
  static final long GIB = 1L << 30;

  /**
   * A process's identity, fixed for its life; its memory is given per sweep.
   *
   * @param startedAt epoch milliseconds
   */
  record Proc(int pid, int ppid, String comm, String cmdline, int uid, String cgroup, int oomScoreAdj, int threads,
      long startedAt) {

    Proc withPid(int newPid, long newStart) {
      return new Proc(newPid, ppid, comm, cmdline, uid, cgroup, oomScoreAdj, threads, newStart);
    }

    Proc withOomScoreAdj(int adj) {
      return new Proc(pid, ppid, comm, cmdline, uid, cgroup, adj, threads, startedAt);
    }
  }

  private final long ts;
  private final long total;
  private final List<Fact> facts = new ArrayList<>();
  private final List<Fact> kills = new ArrayList<>();

  /** @param total MemTotal in bytes, used for percentages and OOM scores */
  SyntheticHost(long ts, long total) {
    this.ts = ts;
    this.total = total;
  }

  long ts() {
    return ts;
  }

  /** {@code /proc/meminfo}: available memory and swap in use; the rest derived roughly from them. */
  SyntheticHost memory(long available, long swapTotal, long swapUsed) {
    double availablePercent = round(100.0 * available / total);
    double swapPercent = swapTotal == 0 ? 0 : round(100.0 * swapUsed / swapTotal);
    long anon = (total - available) * 7 / 10;
    long free = Math.max(available / 5, 64 * MIB);
    facts.add(new MemorySample(ts, total, available, availablePercent, round(100 - availablePercent), swapTotal,
        swapTotal - swapUsed, swapPercent, anon, 180 * MIB, anon + swapUsed + 2 * GIB, free, available * 3 / 5,
        210 * MIB, total / 2 + swapTotal, 0L, 0L, 2 * MIB));
    return this;
  }

  /**
   * {@code /proc/pressure/memory}. The reader's {@code someNow} and {@code fullNow} are null on its first read, as
   * on a live host.
   */
  SyntheticHost pressure(double someAvg10, double fullAvg10, boolean first) {
    facts.add(new PressureSample(ts, "memory", someAvg10, round(someAvg10 * 0.7), round(someAvg10 * 0.3),
        first ? null : round(someAvg10 * 1.1), fullAvg10, round(fullAvg10 * 0.7), round(fullAvg10 * 0.3),
        first ? null : round(fullAvg10 * 1.1)));
    return this;
  }

  /** {@code /proc/vmstat} rates per second; all null on the first sweep, which has nothing to compare with. */
  SyntheticHost vmstat(boolean first, double pgscan, double swapIn, double swapOut, double majorFaults,
      long newOomKills) {
    facts.add(first ? new VmstatSample(ts, null, null, null, null, null, null)
        : new VmstatSample(ts, pgscan, round(pgscan * 0.2), swapIn, swapOut, majorFaults, newOomKills));
    return this;
  }

  /** One EDAC memory controller; the deltas are null on the first sweep. */
  SyntheticHost edac(String controller, long correctable, long uncorrectable, Long newCorrectable,
      Long newUncorrectable) {
    facts.add(new EdacSample(ts, controller, correctable, uncorrectable, newCorrectable, newUncorrectable));
    return this;
  }

  /** A v2 memory cgroup with a limit; {@code newOomKills} null on the first sweep. */
  SyntheticHost cgroup(String path, long usage, long limit, long oomKills, Long newOomKills) {
    facts.add(new CgroupSample(ts, path, 2, usage, limit, round(100.0 * usage / limit), oomKills, null, null, 0L,
        null, newOomKills, newOomKills, usage * 85 / 100, usage * 12 / 100, null, null));
    return this;
  }

  /** A user-space process; PSS and USS null unless given (the probe reads them for the largest only). */
  SyntheticHost process(Proc p, long rss, Long pss, Long uss, Integer openFds) {
    int score = (int) Math.max(0, Math.min(2000, rss * 1000 / total + p.oomScoreAdj()));
    facts.add(new ProcessSample(ts, p.pid(), p.ppid(), p.comm(), p.cmdline(), p.uid(), "S", rss, 0L, p.cgroup(),
        score, p.oomScoreAdj(), pss, uss, false, p.startedAt(), p.threads(), openFds, null, pss == null ? null : 0L,
        CgroupPaths.unit(p.cgroup()), CgroupPaths.container(p.cgroup())));
    return this;
  }

  /** {@code /proc/<pid>/limits}: the open-files limit (soft and hard); the others unlimited. */
  SyntheticHost limits(Proc p, long openFiles, long openFilesHard) {
    return limits(p, openFiles, openFilesHard, null);
  }

  /** {@code /proc/<pid>/limits} with the open fds the process sample counted, as the live reader sets them. */
  SyntheticHost limits(Proc p, long openFiles, long openFilesHard, Integer openFds) {
    Double percent = openFds == null ? null : round(100.0 * openFds / openFiles);
    facts.add(new ProcessLimits(ts, p.pid(), p.comm(), openFiles, openFilesHard, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE, 63_432L, 8 * MIB, openFds, percent));
    return this;
  }

  /** Any other fact of this sweep (the network facts {@link NetScenarios} builds), in the order given. */
  SyntheticHost fact(Fact fact) {
    facts.add(fact);
    return this;
  }

  /**
   * An OOM kill delivered by this sweep, logged {@code kernelLagMs} before it.
   *
   * @param oomCgroup the cgroup whose limit was hit, or null for a host-wide OOM
   */
  SyntheticHost oomKill(Proc victim, long anonRss, String invoker, String oomCgroup) {
    boolean global = oomCgroup == null;
    kills.add(new OomKill(ts, ts - 1_400, victim.pid(), victim.comm(), victim.uid(), anonRss, 2 * MIB, 0L,
        victim.oomScoreAdj(), invoker, global ? "CONSTRAINT_NONE" : "CONSTRAINT_MEMCG", global, oomCgroup,
        victim.cgroup(), true));
    return this;
  }

  List<Fact> facts() {
    List<Fact> all = new ArrayList<>(facts);
    all.addAll(kills);
    return all;
  }

  /** Two decimals, as the probes' percentages: keeps recordings short and readable. */
  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
