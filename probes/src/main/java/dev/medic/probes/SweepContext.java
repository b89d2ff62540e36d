package dev.medic.probes;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.kmsg.KernelLogSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * One sweep as its {@link Probe}s see it, in registry order: the timestamp every fact is stamped with, the facts so
 * far, and what earlier probes found that later ones need (the sampled cgroup paths, whether an OOM kill arrived,
 * the processes chosen for the costly per-process files). Not thread-safe: a sweep runs on one thread.
 */
public final class SweepContext {

  private final long timestamp;
  private final List<Fact> facts;
  private final boolean processTableByTier;
  private final KernelLogSource kernelLog;
  private final LongFunction<List<? extends Fact>> checks;
  private final Set<String> cgroupPaths = new HashSet<>();
  private boolean oomKill;
  private List<ProcessSample> selectedProcesses = List.of();

  SweepContext(long timestamp, List<Fact> facts, boolean processTableByTier, KernelLogSource kernelLog,
      LongFunction<List<? extends Fact>> checks) {
    this.checks = checks;
    this.timestamp = timestamp;
    this.facts = facts;
    this.processTableByTier = processTableByTier;
    this.kernelLog = kernelLog;
  }

  /** Epoch ms of the sweep: every fact of it carries this. */
  public long timestamp() {
    return timestamp;
  }

  public void add(Fact fact) {
    facts.add(fact);
  }

  public void addAll(Collection<? extends Fact> more) {
    facts.addAll(more);
  }

  /** A cgroup sample, whose path the process probe needs to name the process's limited cgroup. */
  public void addCgroup(CgroupSample sample) {
    facts.add(sample);
    cgroupPaths.add(sample.path());
  }

  /** The paths of the cgroups sampled so far in this sweep (the cgroups with a limit). */
  public Set<String> cgroupPaths() {
    return cgroupPaths;
  }

  /** The kernel log attached with {@link ProbeSweep#withKernelLog}, if any. */
  public Optional<KernelLogSource> kernelLog() {
    return Optional.ofNullable(kernelLog);
  }

  /**
   * The outside checks' results that arrived since the last sweep, stamped with this one (see
   * {@link ProbeSweep#withChecks}); none when no checks are attached.
   */
  public List<? extends Fact> checkResults() {
    return checks == null ? List.of() : checks.apply(timestamp);
  }

  /** Says that this sweep brought an OOM kill: the process table is read on it, whatever the tier. */
  public void oomKillArrived() {
    oomKill = true;
  }

  /** Says that this sweep brings facts pushed from outside (alerts): their rules judge this sweep's processes too. */
  void pushedFactsArrived() {
    oomKill = true;
  }

  /**
   * Whether the process table (and what depends on it) is read on this sweep: every {@code processEvery}th sweep,
   * and on a sweep that brings an OOM kill, whose rules judge the survivors ("was the victim the biggest?", "no
   * large process left") from this sweep.
   */
  public boolean processTableDue() {
    return processTableByTier || oomKill;
  }

  /** The processes chosen for the costly per-process files (smaps_rollup), for readers as selective (limits). */
  public void selectProcesses(List<ProcessSample> processes) {
    selectedProcesses = processes;
  }

  public List<ProcessSample> selectedProcesses() {
    return selectedProcesses;
  }
}
