package dev.medic.probes;

import dev.medic.probes.etc.ResolvConfReader;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.LibC;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import dev.medic.probes.proc.FileNrReader;
import dev.medic.probes.proc.net.ConntrackReader;
import dev.medic.probes.proc.net.ListenersReader;
import dev.medic.probes.proc.net.LocalPortsReader;
import dev.medic.probes.proc.net.NetDevReader;
import dev.medic.probes.proc.net.RouteReader;
import dev.medic.probes.proc.net.SocketOwners;
import dev.medic.probes.proc.net.SockstatReader;
import dev.medic.probes.proc.net.TcpCountersReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inside network facts of one sweep, for the host namespace and any others asked for, in a fixed order: the
 * host's {@code files}, then per namespace (host first, then in the order given) {@code tcp}, {@code sockets},
 * {@code listener} (by listen key), {@code conntrack}, {@code nic}, {@code ports}, {@code resolver}, {@code route}.
 *
 * <p>Each other namespace gets one {@link NamespaceThread}, entered on its first sweep and kept until the namespace
 * is no longer asked for or this is closed: {@code /proc/sys/net} and netlink are read on it, everything else from
 * {@code /proc/<anchor>/net}. A namespace that cannot be entered (no CAP_SYS_ADMIN) still gets its
 * {@code /proc/<pid>/net} facts, with listener backlogs, conntrack count and ports left out (warned once). Only on
 * the live root: on a fixture tree no namespace is entered. A reader that throws costs only its own facts.
 * Stateful (deltas, owners): one instance per agent, sweeps serialised; never call it on a Vert.x event loop.
 */
public final class NetworkReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final FileNrReader files;
  private final TcpCountersReader tcp;
  private final SockstatReader sockets;
  private final ListenersReader listeners;
  private final ConntrackReader conntrack;
  private final NetDevReader nics;
  private final LocalPortsReader ports;
  private final ResolvConfReader resolver;
  private final RouteReader route;
  private final Map<NetNamespace, NamespaceThread> threads = new HashMap<>();
  private final Set<String> sources;

  /**
   * The sources, by the names {@link ProbeRegistry} registers them under (and {@code medic.yaml} switches them
   * by), in the order their facts come within a namespace ({@code files} first, host-wide).
   */
  public static final List<String> SOURCES = List.of("files", "tcp", "sockets", "listeners", "conntrack", "nic",
      "ports", "resolver", "route");

  /** How long the readers of one other namespace may take on its thread before the sweep goes on without them. */
  static final long NAMESPACE_TIMEOUT_MILLIS = 5_000;

  public NetworkReader(HostRoot root, ProbeMetrics metrics) {
    this(root, metrics, LibC::pageSize);
  }

  /** @param pageSize the kernel's page size (sockstat counts pages); tests pass a constant */
  public NetworkReader(HostRoot root, ProbeMetrics metrics, LongSupplier pageSize) {
    this(root, metrics, pageSize, Set.copyOf(SOURCES));
  }

  /** @param sources the {@link #SOURCES} to read; the others are left out of every sweep */
  public NetworkReader(HostRoot root, ProbeMetrics metrics, LongSupplier pageSize, Set<String> sources) {
    this.sources = Set.copyOf(sources);
    this.root = root;
    this.metrics = metrics;
    this.files = new FileNrReader(root, metrics);
    this.tcp = new TcpCountersReader(root, metrics);
    this.sockets = new SockstatReader(root, metrics, pageSize);
    this.listeners = new ListenersReader(root, metrics, new SocketOwners(root, metrics));
    this.conntrack = new ConntrackReader(root, metrics);
    this.nics = new NetDevReader(root, metrics);
    this.ports = new LocalPortsReader(root, metrics);
    this.resolver = new ResolvConfReader(root, metrics);
    this.route = new RouteReader(root, metrics);
  }

  /**
   * The facts of one sweep.
   *
   * @param others namespaces to read besides the host's (duplicates and the host itself are ignored); one without an
   *     anchor pid is read through its thread's own task
   */
  public synchronized List<Fact> read(long timestamp, List<NetNamespace> others) throws IOException {
    NetNamespace host = NetNamespace.host(root);
    Map<NetNamespace, NetNamespace> wanted = new LinkedHashMap<>();
    wanted.put(host, host);
    others.forEach(ns -> wanted.putIfAbsent(ns, ns));
    closeThreadsExcept(wanted.keySet());
    List<Fact> facts = new ArrayList<>();
    attempt("files", "file-nr", () -> files.read(timestamp).ifPresent(facts::add));
    for (NetNamespace ns : wanted.values()) {
      NamespaceThread thread = ns.isHost() ? null : thread(ns);
      NetNamespace anchored = ns.pid() != null ? ns : thread == null ? null : thread.anchored();
      if (anchored == null) {
        warnOnce.warn("anchor " + ns.id(), "{} has no process to read it through and cannot be entered", ns);
        continue;
      }
      if (thread == null) {
        read(timestamp, anchored, null, facts);
      } else {
        // one hop per namespace: its readers' own calls to the thread then run inline (NamespaceThread.submit)
        attempt(null, "namespace " + ns.id(), () -> facts.addAll(thread.call(() -> {
          List<Fact> inside = new ArrayList<>();
          read(timestamp, anchored, thread, inside);
          return inside;
        }, NAMESPACE_TIMEOUT_MILLIS)));
      }
    }
    Set<String> ids = wanted.keySet().stream().map(NetNamespace::id).collect(Collectors.toSet());
    tcp.retain(ids);
    conntrack.retain(ids);
    return facts;
  }

  private void read(long timestamp, NetNamespace ns, NamespaceThread thread, List<Fact> facts) {
    attempt("tcp", "tcp " + ns.id(), () -> tcp.read(timestamp, ns).ifPresent(facts::add));
    attempt("sockets", "sockstat " + ns.id(), () -> sockets.read(timestamp, ns).ifPresent(facts::add));
    attempt("listeners", "listeners " + ns.id(), () -> listeners.read(timestamp, ns, thread).stream()
        .sorted(Comparator.comparing(ListenerSample::listen)).forEach(facts::add));
    attempt("conntrack", "conntrack " + ns.id(), () -> conntrack.read(timestamp, ns, thread).ifPresent(facts::add));
    attempt("nic", "net/dev " + ns.id(), () -> facts.addAll(nics.read(timestamp, ns)));
    attempt("ports", "ports " + ns.id(), () -> ports.read(timestamp, ns, thread).ifPresent(facts::add));
    attempt("resolver", "resolv.conf " + ns.id(), () -> resolver.read(timestamp, ns).ifPresent(facts::add));
    attempt("route", "route " + ns.id(), () -> route.read(timestamp, ns).ifPresent(facts::add));
  }

  /**
   * The process that last held the listen key in the last ten minutes, also after the listener is gone (see
   * {@link ListenersReader#lastOwner}).
   */
  public Optional<SocketOwners.Owner> lastOwner(String listen, long timestamp) {
    return listeners.lastOwner(listen, timestamp);
  }

  /** The namespace's thread, entered on first use; null off the live root or when it cannot be entered. */
  private NamespaceThread thread(NetNamespace ns) {
    if (!root.equals(HostRoot.live())) {
      return null;
    }
    NamespaceThread thread = threads.get(ns);
    if (thread != null && thread.isAlive()) {
      return thread;
    }
    try {
      thread = NamespaceThread.enter(ns);
      threads.put(ns, thread);
      return thread;
    } catch (IOException | RuntimeException | LinkageError e) {
      if (warnOnce.warn("enter " + ns.id(), "cannot enter {}: {}; its sysctls and backlogs are left out", ns,
          e.toString())) {
        metrics.countMissingSource();
      }
      return null;
    }
  }

  private void closeThreadsExcept(Set<NetNamespace> keep) {
    threads.entrySet().removeIf(e -> {
      if (keep.contains(e.getKey())) {
        return false;
      }
      e.getValue().close();
      return true;
    });
  }

  /** Runs {@code step} when its source is on ({@code name} null: always), counting and warning what it throws. */
  private void attempt(String name, String source, Step step) {
    if (name != null && !sources.contains(name)) {
      return;
    }
    try {
      step.run();
    } catch (Exception e) { // one reader's bug must not cost the others their facts
      metrics.countFailedRead();
      warnOnce.warn(source, "{} failed, its facts are missing from this sweep: {}", source, e.toString());
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /** Ends every namespace thread. */
  @Override
  public synchronized void close() {
    threads.values().forEach(NamespaceThread::close);
    threads.clear();
  }
}
