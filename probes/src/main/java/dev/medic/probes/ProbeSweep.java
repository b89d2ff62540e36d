package dev.medic.probes;

import dev.medic.probes.cgroup.CgroupMemoryReader;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.kmsg.FactQueue;
import dev.medic.probes.kmsg.KernelLogSource;
import dev.medic.probes.netns.NetNamespace;
import dev.medic.probes.proc.net.SocketOwners;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the probes of {@link ProbeRegistry} that the settings leave on — {@code /proc/meminfo},
 * {@code /proc/pressure/*}, {@code /proc/vmstat}, {@code /proc/swaps}, {@code /proc/sys/vm/*}, EDAC counters, the
 * kernel log, the memory cgroup tree under {@code /sys/fs/cgroup}, every {@code /proc/<pid>/} and the
 * {@code limits} of the top processes, then the inside network facts of the host's namespace and of any others
 * asked for ({@link #withNamespaces}) and the outside checks' results ({@link #withChecks}) — producing the facts
 * of one moment, in registry order. Close it to end the network namespaces' threads.
 *
 * <p>A probe that fails (I/O error, unexpected layout, a bug) costs only its own facts for that sweep: the
 * failure is counted in {@link #metrics()} and logged once, and the other probes still run. Stateful (pressure,
 * OOM-counter deltas, RSS history): keep one instance per host; sweeps are serialised.
 */
public final class ProbeSweep implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProbeSweep.class);

  /** A built probe and the name it is registered, logged and switched by. */
  private record Named(String name, Probe probe) {}

  private final HostRoot root;
  private final ProbeSettings settings;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final List<Named> probes = new ArrayList<>();
  private final NetworkProbes network;
  private KernelLogSource kernelLog;
  private LongFunction<List<? extends Fact>> checks;
  private final List<FactQueue> inboxes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private long sweeps;

  public ProbeSweep(HostRoot root, ProbeSettings settings) {
    this(root, settings, new ProbeMetrics());
  }

  public ProbeSweep(HostRoot root, ProbeSettings settings, ProbeMetrics metrics) {
    this.root = root;
    this.settings = settings;
    this.metrics = metrics;
    this.network = new NetworkProbes(root, settings, metrics);
    ProbeRegistry.Inputs inputs = new ProbeRegistry.Inputs(root, settings, metrics, network);
    for (ProbeRegistry.Entry entry : ProbeRegistry.BUILTIN) {
      if (settings.enabled(entry.name())) {
        probes.add(new Named(entry.name(), entry.factory().apply(inputs)));
      }
    }
  }

  /**
   * The facts of every probe that is on, in registry order: the memory sample (when readable), then pressure,
   * vmstat, swap, vm settings, EDAC, kernel log, cgroup and process samples, and the limits of the processes that
   * got smaps_rollup, the network facts and the checks' results, all stamped {@code timestamp} (epoch ms). The
   * process table and limits are read every {@code processEvery}th sweep and on a sweep that brings an OOM kill.
   * Never throws.
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
    SweepContext context = new SweepContext(timestamp, facts, due, kernelLog, checks);
    List<Fact> pushed = new ArrayList<>();
    for (FactQueue inbox : inboxes) {
      pushed.addAll(inbox.drain(timestamp));
    }
    if (!pushed.isEmpty()) {
      context.pushedFactsArrived();
    }
    for (Named named : probes) {
      try {
        named.probe().read(context);
      } catch (Exception e) { // RuntimeException too: one probe's bug must not blind the engine to the others
        metrics.countFailedRead();
        warnOnce.warn(named.name(), "{} probe failed, its facts are missing from this sweep: {}", named.name(),
            e.toString());
      }
    }
    facts.addAll(pushed);
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

  /**
   * Adds the results of outside checks to every sweep from now on, through the {@code checks} probe: {@code drain}
   * is given the sweep's timestamp and returns what arrived since the last call. The caller owns the checks.
   */
  public synchronized ProbeSweep withChecks(LongFunction<List<? extends Fact>> drain) {
    this.checks = drain;
    return this;
  }

  /**
   * Reads these network namespaces too, besides the host's, in every sweep from now on (the agent: the namespaces
   * its checks run from). Asked at each sweep; an empty list reads the host's alone, the default.
   */
  public ProbeSweep withNamespaces(Supplier<List<NetNamespace>> others) {
    network.namespaces(others);
    return this;
  }

  /** The process that held a listen key in the last ten minutes (the network probes' memory), if any. */
  public Optional<SocketOwners.Owner> lastOwner(String listen, long timestamp) {
    NetworkReader reader = network.reader();
    return reader == null ? Optional.empty() : reader.lastOwner(listen, timestamp);
  }

  /** Ends the network namespaces' threads. */
  @Override
  public synchronized void close() {
    network.close();
  }

  /**
   * Delivers the facts pushed into {@code inbox} from outside (alerts posted to the agent) with every sweep from
   * now on, after the probes' facts, stamped with the sweep that delivers them. A sweep that delivers any reads the
   * process table, as on an OOM kill, so the rules they start find their target in it.
   */
  public ProbeSweep withInbox(FactQueue inbox) {
    inboxes.add(inbox);
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
