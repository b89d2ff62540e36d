package dev.medic.probes;

import dev.medic.probes.cgroup.CgroupMemoryReader;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.kmsg.KernelLogSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the probes of {@link ProbeRegistry} that the settings leave on — {@code /proc/meminfo},
 * {@code /proc/pressure/*}, {@code /proc/vmstat}, {@code /proc/swaps}, {@code /proc/sys/vm/*}, EDAC counters, the
 * kernel log, the memory cgroup tree under {@code /sys/fs/cgroup}, every {@code /proc/<pid>/} and the
 * {@code limits} of the top processes — producing the facts of one moment, in registry order.
 *
 * <p>A probe that fails (I/O error, unexpected layout, a bug) costs only its own facts for that sweep: the
 * failure is counted in {@link #metrics()} and logged once, and the other probes still run. Stateful (pressure,
 * OOM-counter deltas, RSS history): keep one instance per host; sweeps are serialised.
 */
public final class ProbeSweep {

  private static final Logger LOG = LoggerFactory.getLogger(ProbeSweep.class);

  /** A built probe and the name it is registered, logged and switched by. */
  private record Named(String name, Probe probe) {}

  private final HostRoot root;
  private final ProbeSettings settings;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final List<Named> probes = new ArrayList<>();
  private KernelLogSource kernelLog;
  private long sweeps;

  public ProbeSweep(HostRoot root, ProbeSettings settings) {
    this(root, settings, new ProbeMetrics());
  }

  public ProbeSweep(HostRoot root, ProbeSettings settings, ProbeMetrics metrics) {
    this.root = root;
    this.settings = settings;
    this.metrics = metrics;
    ProbeRegistry.Inputs inputs = new ProbeRegistry.Inputs(root, settings, metrics);
    for (ProbeRegistry.Entry entry : ProbeRegistry.BUILTIN) {
      if (settings.enabled(entry.name())) {
        probes.add(new Named(entry.name(), entry.factory().apply(inputs)));
      }
    }
  }

  /**
   * The facts of every probe that is on, in registry order: the memory sample (when readable), then pressure,
   * vmstat, swap, vm settings, EDAC, kernel log, cgroup and process samples, and the limits of the processes that
   * got smaps_rollup, all stamped {@code timestamp} (epoch ms). The process table and limits are read every
   * {@code processEvery}th sweep and on a sweep that brings an OOM kill. Never throws.
   */
  public synchronized List<Fact> sweep(long timestamp) {
    return sweep(timestamp, sweeps++ % settings.processEvery() == 0);
  }

  /**
   * A sweep out of turn (a crossing notifier fired): like {@link #sweep} with the process table read whatever the
   * cadence, which it leaves as it was, so a runbook can name the largest process of the scope at once.
   */
  public synchronized List<Fact> sweepWithProcesses(long timestamp) {
    return sweep(timestamp, true);
  }

  private List<Fact> sweep(long timestamp, boolean due) {
    List<Fact> facts = new ArrayList<>();
    SweepContext context = new SweepContext(timestamp, facts, due, kernelLog);
    for (Named named : probes) {
      try {
        named.probe().read(context);
      } catch (Exception e) { // RuntimeException too: one probe's bug must not blind the engine to the others
        metrics.countFailedRead();
        warnOnce.warn(named.name(), "{} probe failed, its facts are missing from this sweep: {}", named.name(),
            e.toString());
      }
    }
    return facts;
  }

  /**
   * Streams kernel log facts (OOM kills, kernel events) into every sweep from now on, through the {@code kmsg}
   * probe; they arrive stamped with the sweep that delivers them. The caller owns the source and closes it.
   */
  public synchronized ProbeSweep withKernelLog(KernelLogSource source) {
    this.kernelLog = source;
    return this;
  }

  /** Whether the probe of this name runs in this sweep's settings. */
  public boolean enabled(String name) {
    return settings.enabled(name);
  }

  public ProbeMetrics metrics() {
    return metrics;
  }

  /** Where the memory cgroup hierarchy is on this host, for the cli and for actions that write to it. */
  public Optional<Path> memoryHierarchy() {
    return new CgroupMemoryReader(root, metrics).hierarchy();
  }

  /** 1 or 2, 0 when the host has no memory cgroup hierarchy. */
  public int cgroupVersion() {
    return new CgroupMemoryReader(root, metrics).version();
  }
}
