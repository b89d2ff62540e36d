package dev.medic.cli;

import dev.medic.probes.facts.ConntrackSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.FilesSample;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.facts.ResolverSample;
import dev.medic.probes.facts.RouteSample;
import dev.medic.probes.facts.SocketsSample;
import dev.medic.probes.facts.TcpSample;
import dev.medic.probes.proc.OpenFdsReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The network section of {@code medic probe}: the guide's {@code ss -ltn} (listeners with their accept queue and
 * backlog, and who owns them), {@code nstat} (TCP counters that moved between the two reads), conntrack fill,
 * {@code /proc/sys/fs/file-nr} and the processes at 80% or more of their open-file limit, the default route and
 * the resolver, per network namespace the sweep read.
 */
final class NetworkReport {

  /** Processes at or above this share of their open-file soft limit are listed. */
  static final double NEAR_LIMIT_PERCENT = 80;
  /** Below this many open descriptors a process is not worth reading the limits of (the smallest usual limit). */
  static final int MIN_OPEN_FDS = 12;

  /** One process near its open-file limit. */
  record FdsNearLimit(int pid, String comm, int open, long limit, double percent) {}

  final List<ListenerSample> listeners = new ArrayList<>();
  final List<TcpSample> tcp = new ArrayList<>();
  final List<SocketsSample> sockets = new ArrayList<>();
  final List<ConntrackSample> conntrack = new ArrayList<>();
  final List<RouteSample> routes = new ArrayList<>();
  final List<ResolverSample> resolvers = new ArrayList<>();
  final Optional<FilesSample> files;
  final List<FdsNearLimit> fdsNearLimit = new ArrayList<>();

  /** @param fds open descriptors against the limit of a pid (the live {@link OpenFdsReader}) */
  NetworkReport(List<Fact> facts, IntFunction<Optional<OpenFdsReader.FdUsage>> fds) {
    FilesSample handles = null;
    Map<Integer, String> candidates = new LinkedHashMap<>();
    for (Fact f : facts) {
      if (f instanceof ListenerSample l) {
        listeners.add(l);
        if (l.pid() != null) {
          candidates.put(l.pid(), l.comm());
        }
      } else if (f instanceof TcpSample t) {
        tcp.add(t);
      } else if (f instanceof SocketsSample s) {
        sockets.add(s);
      } else if (f instanceof ConntrackSample c) {
        conntrack.add(c);
      } else if (f instanceof RouteSample r) {
        routes.add(r);
      } else if (f instanceof ResolverSample r) {
        resolvers.add(r);
      } else if (f instanceof FilesSample h) {
        handles = h;
      } else if (f instanceof ProcessSample p && !p.kernelThread() && p.openFds() != null
          && p.openFds() >= MIN_OPEN_FDS) {
        candidates.putIfAbsent(p.pid(), p.comm());
      }
    }
    files = Optional.ofNullable(handles);
    candidates.forEach((pid, comm) -> fds.apply(pid).ifPresent(u -> {
      Double percent = u.percent();
      if (percent != null && percent >= NEAR_LIMIT_PERCENT) {
        fdsNearLimit.add(new FdsNearLimit(pid, comm, u.open(), u.limit(), percent));
      }
    }));
    fdsNearLimit.sort(Comparator.comparingDouble(FdsNearLimit::percent).reversed());
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("listeners", listeners);
    List<Map<String, Object>> counters = new ArrayList<>();
    for (TcpSample t : tcp) {
      counters.add(Map.of("netns", t.netns(), "moved", NetworkLines.moved(t)));
    }
    m.put("tcpMoved", counters);
    m.put("tcp", tcp);
    m.put("sockets", sockets);
    m.put("conntrack", conntrack);
    m.put("files", files.orElse(null));
    m.put("fdsNearLimit", fdsNearLimit);
    m.put("routes", routes);
    m.put("resolvers", resolvers);
    return m;
  }

  void print(PrintWriter out, long gapMillis) {
    Set<String> namespaces = new LinkedHashSet<>();
    listeners.forEach(l -> namespaces.add(l.netns()));
    tcp.forEach(t -> namespaces.add(t.netns()));
    for (String ns : namespaces) {
      out.println("Network (" + ns + "):");
      printListeners(out, ns);
      tcp.stream().filter(t -> t.netns().equals(ns)).forEach(t -> {
        Map<String, Long> moved = NetworkLines.moved(t);
        out.printf(Locale.ROOT, "  TCP counters that moved in %d ms: %s%n", gapMillis, moved.isEmpty()
            ? (t.newOutSegs() == null ? "- (first read)" : "none") : NetworkLines.counters(moved));
      });
      sockets.stream().filter(s -> s.netns().equals(ns)).forEach(s -> out.printf(Locale.ROOT,
          "  sockets: %s TCP in use, %s TIME_WAIT, %s orphans, TCP memory %s of %s%n", orDash(s.tcpInuse()),
          orDash(s.tcpTimeWait()), orDash(s.tcpOrphan()), Sizes.human(s.tcpMem()), Sizes.human(s.tcpMemMax())));
      conntrack.stream().filter(c -> c.netns().equals(ns)).forEach(c -> out.printf(Locale.ROOT,
          "  conntrack: %s of %s entries (%s), drops %s, early drops %s, insert failed %s%n", orDash(c.count()),
          orDash(c.max()), Sizes.percent(c.usedPercent()), delta(c.newDrops()), delta(c.newEarlyDrops()),
          delta(c.newInsertFailed())));
      routes.stream().filter(r -> r.netns().equals(ns)).forEach(r -> out.println("  default route: "
          + (r.hasDefault() ? (r.defaultVia() == null ? "" : "via " + r.defaultVia() + " ") + "dev "
          + Printable.of(r.defaultDev()) : "none")));
      resolvers.stream().filter(r -> r.netns().equals(ns)).forEach(r -> out.printf(Locale.ROOT,
          "  resolver: %s (timeout %ds, attempts %d%s)%n", r.nameservers().isEmpty() ? "no nameserver"
              : Printable.of(r.nameservers()), r.timeoutS(), r.attempts(), r.rotate() ? ", rotate" : ""));
    }
    files.ifPresent(f -> out.printf(Locale.ROOT, "File handles: %d of %d allocated (%s)%n", f.allocated(), f.max(),
        Sizes.percent(f.usedPercent())));
    if (fdsNearLimit.isEmpty()) {
      out.printf(Locale.ROOT, "Processes at %.0f%% or more of their open-file limit: none%n", NEAR_LIMIT_PERCENT);
    } else {
      out.printf(Locale.ROOT, "Processes at %.0f%% or more of their open-file limit:%n", NEAR_LIMIT_PERCENT);
      fdsNearLimit.forEach(p -> out.printf(Locale.ROOT, "  ! pid %d (%s) %d of %d open files (%.0f%%)%n", p.pid(),
          Printable.of(p.comm()), p.open(), p.limit(), p.percent()));
    }
  }

  private void printListeners(PrintWriter out, String ns) {
    List<ListenerSample> mine = listeners.stream().filter(l -> l.netns().equals(ns)).toList();
    out.println(mine.isEmpty() ? "  listeners: none" : "  listeners (accept queue / backlog, owner):");
    for (ListenerSample l : mine) {
      out.println("  " + NetworkLines.listener(l));
    }
  }

  private static String delta(Long v) {
    return v == null ? "-" : "+" + v;
  }

  private static String orDash(Object v) {
    return v == null ? "-" : v.toString();
  }
}
