package dev.medic.probes;

import dev.medic.probes.cgroup.CgroupMemoryReader;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.kmsg.KernelLogSource;
import dev.medic.probes.proc.LimitsReader;
import dev.medic.probes.proc.MeminfoReader;
import dev.medic.probes.proc.PressureReader;
import dev.medic.probes.proc.ProcessReader;
import dev.medic.probes.proc.SwapsReader;
import dev.medic.probes.proc.VmSettingsReader;
import dev.medic.probes.proc.VmstatReader;
import dev.medic.probes.sys.EdacReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over {@code /proc/meminfo}, {@code /proc/pressure/*}, {@code /proc/vmstat}, {@code /proc/swaps},
 * {@code /proc/sys/vm/*}, EDAC counters, the memory cgroup tree under
 * {@code /sys/fs/cgroup}, every {@code /proc/<pid>/} and the {@code limits} of the top processes, producing the
 * facts of one moment.
 *
 * <p>A reader that fails (I/O error, unexpected layout, a bug) costs only its own facts for that sweep: the
 * failure is counted in {@link #metrics()} and logged once, and the other readers still run. Stateful (pressure,
 * OOM-counter deltas, RSS history): keep one instance per host; sweeps are serialised.
 */
public final class ProbeSweep {

  private static final Logger LOG = LoggerFactory.getLogger(ProbeSweep.class);

  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final MeminfoReader meminfo;
  private final PressureReader pressure;
  private final CgroupMemoryReader cgroups;
  private final ProcessReader processes;
  private final LimitsReader limits;
  private final VmstatReader vmstat;
  private final SwapsReader swaps;
  private final VmSettingsReader vmSettings;
  private final EdacReader edac;
  private KernelLogSource kernelLog;
  private final int processEvery;
  private long sweeps;

  public ProbeSweep(HostRoot root, ProbeSettings settings) {
    this(root, settings, new ProbeMetrics());
  }

  public ProbeSweep(HostRoot root, ProbeSettings settings, ProbeMetrics metrics) {
    this.metrics = metrics;
    this.meminfo = new MeminfoReader(root, metrics);
    this.pressure = new PressureReader(root, metrics);
    this.cgroups = new CgroupMemoryReader(root, metrics);
    this.processes = new ProcessReader(root, settings, metrics);
    this.processEvery = settings.processEvery();
    this.limits = new LimitsReader(root, metrics);
    this.vmstat = new VmstatReader(root, metrics);
    this.swaps = new SwapsReader(root, metrics);
    this.vmSettings = new VmSettingsReader(root, metrics);
    this.edac = new EdacReader(root, metrics);
  }

  /**
   * The memory sample (when readable), then pressure, vmstat, swap, vm settings, EDAC, cgroup and process samples,
   * and the limits of the processes that got smaps_rollup, all stamped {@code timestamp}
   * (epoch ms). Never throws.
   */
  public synchronized List<Fact> sweep(long timestamp) {
    List<Fact> facts = new ArrayList<>();
    attempt("meminfo", () -> meminfo.read(timestamp).ifPresent(facts::add));
    attempt("pressure", () -> facts.addAll(pressure.read(timestamp)));
    attempt("vmstat", () -> vmstat.read(timestamp).ifPresent(facts::add));
    attempt("swaps", () -> facts.addAll(swaps.read(timestamp)));
    attempt("vm", () -> vmSettings.read(timestamp).ifPresent(facts::add));
    attempt("edac", () -> facts.addAll(edac.read(timestamp)));
    boolean[] oomKill = {false};
    if (kernelLog != null) {
      attempt("kmsg", () -> {
        List<Fact> records = kernelLog.drain(timestamp);
        facts.addAll(records);
        oomKill[0] = records.stream().anyMatch(OomKill.class::isInstance);
      });
    }
    Set<String> limited = new HashSet<>();
    attempt("cgroup", () -> {
      for (CgroupSample sample : cgroups.read(timestamp)) {
        facts.add(sample);
        limited.add(sample.path());
      }
    });
    // the process table is most of a sweep's cost: every Nth sweep only, and on a sweep that brings an OOM kill,
    // whose rules judge the survivors ("was the victim the biggest?", "no large process left") from this sweep
    boolean due = sweeps++ % processEvery == 0;
    if (due || oomKill[0]) {
      attempt("process", () -> facts.addAll(processes.read(timestamp, limited)));
      attempt("limits", () -> facts.addAll(limits.read(timestamp, processes.selected())));
    }
    return facts;
  }

  /**
   * Streams kernel log facts (OOM kills, kernel events) into every sweep from now on; they arrive stamped with the
   * sweep that delivers them. The caller owns the source and closes it.
   */
  public synchronized ProbeSweep withKernelLog(KernelLogSource source) {
    this.kernelLog = source;
    return this;
  }

  public ProbeMetrics metrics() {
    return metrics;
  }

  /** Where the memory cgroup hierarchy is on this host, for the cli and for actions that write to it. */
  public Optional<Path> memoryHierarchy() {
    return cgroups.hierarchy();
  }

  /** 1 or 2, 0 when the host has no memory cgroup hierarchy. */
  public int cgroupVersion() {
    return cgroups.version();
  }

  private void attempt(String source, Step step) {
    try {
      step.run();
    } catch (Exception e) { // RuntimeException too: one reader's bug must not blind the engine to the others
      metrics.countFailedRead();
      warnOnce.warn(source, "{} probe failed, its facts are missing from this sweep: {}", source, e.toString());
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }
}
