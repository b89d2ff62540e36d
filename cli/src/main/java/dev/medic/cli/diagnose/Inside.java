package dev.medic.cli.diagnose;

import dev.medic.checks.NamespaceThreads;
import dev.medic.probes.HostRoot;
import dev.medic.probes.NetworkReader;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ConntrackSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.FilesSample;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.PortsSample;
import dev.medic.probes.facts.ResolverSample;
import dev.medic.probes.facts.RouteSample;
import dev.medic.probes.facts.SocketsSample;
import dev.medic.probes.facts.TcpSample;
import dev.medic.probes.kmsg.KernelLogSource;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import dev.medic.probes.proc.OpenFdsReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's view around one check: the namespace that serves the target when it is on this host (the client's
 * own for a loopback address, else the host's or an {@code ip netns} namespace that holds the address), read once
 * before the check and once after, so the counters' increases are the check's own window. What it reads: the
 * listeners on the port with their owners, the owner's open files against its limit, TCP counters, conntrack,
 * sockets, ports, route and resolver, firewall DROP/REJECT counters, and (for a refusal with nothing listening)
 * the OOM kills still in the kernel log. Sysctls, netlink and iptables run on namespace threads.
 */
public final class Inside implements AutoCloseable {

  /** How far back an OOM kill counts as the likely end of a service that no longer listens. */
  static final long RECENT_OOM_MILLIS = 10 * 60_000;
  /** Named namespaces looked at for the target's address, at most. */
  static final int MAX_NAMESPACES = 32;

  private final HostRoot root;
  private final Target target;
  private final NetNamespace client;
  private final NetNamespace server;
  private final NamespaceThread serverThread;
  private final NetworkReader reader;
  private final long started;
  private final List<FirewallRules.Rule> rulesBefore;

  /** What the kernel saw, from the second read; the lists hold only what concerns the target. */
  public record View(
      String netns,
      boolean serverHere,
      long windowMs,
      List<ListenerSample> listeners,
      List<ListenerSample> otherAddresses,
      OpenFdsReader.FdUsage ownerFds,
      TcpSample tcp,
      ConntrackSample conntrack,
      SocketsSample sockets,
      PortsSample ports,
      RouteSample route,
      ResolverSample resolver,
      FilesSample files,
      List<FirewallRules.Grown> firewall,
      List<OomKill> recentOomKills) {}

  private Inside(HostRoot root, Target target, NetNamespace client, NetNamespace server, NamespaceThread thread)
      throws IOException {
    this.root = root;
    this.target = target;
    this.client = client;
    this.server = server;
    this.serverThread = thread;
    this.reader = new NetworkReader(root, new ProbeMetrics());
    this.started = System.currentTimeMillis();
    reader.read(started, others());
    this.rulesBefore = server != null && target.port() != null ? FirewallRules.read(serverThread) : List.of();
  }

  /** The first read, before the check: the baseline of the counters. */
  public static Inside before(HostRoot root, Target target, String clientNetns) throws IOException {
    NetNamespace client = NamespaceThreads.namespace(root, clientNetns);
    if (target.dns()) {
      return new Inside(root, target, client, client, null);
    }
    Served served = serving(root, target.host(), client);
    return new Inside(root, target, client, served == null ? null : served.ns(),
        served == null ? null : served.thread());
  }

  private List<NetNamespace> others() {
    List<NetNamespace> out = new ArrayList<>();
    if (server != null && !server.isHost()) {
      out.add(server);
    }
    if (!client.isHost() && !client.equals(server)) {
      out.add(client);
    }
    return out;
  }

  /**
   * The second read, after the check. {@code refused}: the check was refused, so the kernel log's recent OOM
   * kills are read too when nothing listens.
   */
  public View after(boolean refused) throws IOException {
    long now = System.currentTimeMillis();
    List<Fact> facts = reader.read(now, others());
    NetNamespace where = server != null ? server : client;
    String ns = where.id();
    List<ListenerSample> onPort = new ArrayList<>();
    List<ListenerSample> elsewhere = new ArrayList<>();
    TcpSample tcp = null;
    ConntrackSample conntrack = null;
    SocketsSample sockets = null;
    PortsSample ports = null;
    RouteSample route = null;
    ResolverSample resolver = null;
    FilesSample files = null;
    String clientId = client.id();
    for (Fact f : facts) {
      if (f instanceof ListenerSample l && server != null && l.netns().equals(ns) && target.port() != null
          && l.port() == target.port()) {
        (serves(l) ? onPort : elsewhere).add(l);
      } else if (f instanceof TcpSample t && t.netns().equals(ns)) {
        tcp = t;
      } else if (f instanceof ConntrackSample c && c.netns().equals(ns)) {
        conntrack = c;
      } else if (f instanceof SocketsSample s && s.netns().equals(clientId)) {
        sockets = s; // ephemeral ports and TIME_WAIT are the client's
      } else if (f instanceof PortsSample p && p.netns().equals(clientId)) {
        ports = p;
      } else if (f instanceof RouteSample r && r.netns().equals(clientId)) {
        route = r;
      } else if (f instanceof ResolverSample r && r.netns().equals(clientId)) {
        resolver = r;
      } else if (f instanceof FilesSample h) {
        files = h;
      }
    }
    OpenFdsReader.FdUsage ownerFds = null;
    Integer owner = onPort.stream().map(ListenerSample::pid).filter(p -> p != null).findFirst().orElse(null);
    if (owner != null) {
      ownerFds = new OpenFdsReader(root, new ProbeMetrics()).read(owner).orElse(null);
    }
    List<FirewallRules.Grown> firewall = server != null && target.port() != null
        ? FirewallRules.grown(rulesBefore, FirewallRules.read(serverThread), target.port()) : List.of();
    List<OomKill> kills = refused && onPort.isEmpty() ? recentOomKills(now) : List.of();
    return new View(ns, server != null, now - started, onPort, elsewhere, ownerFds, tcp, conntrack, sockets, ports,
        route, resolver, files, firewall, kills);
  }

  /** Whether a listener accepts the target's address: bound to it, or to the wildcard of its family. */
  private boolean serves(ListenerSample l) {
    String addr = l.addr();
    if (addr.equals("0.0.0.0") || addr.equals("::")) {
      return true;
    }
    try {
      InetAddress want = InetAddress.getByName(target.host().replace("[", "").replace("]", ""));
      InetAddress have = InetAddress.getByName(addr.startsWith("::ffff:") ? addr.substring(7) : addr);
      return want.equals(have);
    } catch (IOException e) {
      return false;
    }
  }

  private List<OomKill> recentOomKills(long now) {
    return KernelLogSource.history(root, now, new ProbeMetrics()).stream()
        .filter(OomKill.class::isInstance).map(OomKill.class::cast)
        .filter(k -> now - k.kernelTime() <= RECENT_OOM_MILLIS).toList();
  }

  /** A namespace found to hold an address, with its thread (null for the host's, read from this thread). */
  private record Served(NetNamespace ns, NamespaceThread thread) {}

  /**
   * The namespace on this host that holds the target's address: the client's for loopback, else the first of the
   * client's, the host's and the {@code ip netns} namespaces whose interfaces have it; null when none does (the
   * service is elsewhere) or the name does not resolve.
   */
  private static Served serving(HostRoot root, String host, NetNamespace client) throws IOException {
    InetAddress addr;
    try {
      addr = InetAddress.getByName(host.replace("[", "").replace("]", ""));
    } catch (IOException e) {
      return null;
    }
    List<NetNamespace> candidates = new ArrayList<>();
    candidates.add(client);
    NetNamespace hostNs = NetNamespace.host(root);
    if (!hostNs.equals(client)) {
      candidates.add(hostNs);
    }
    if (!addr.isLoopbackAddress()) {
      candidates.addAll(named(root, candidates));
    }
    for (NetNamespace ns : candidates) {
      if (ns.isHost()) {
        if (addr.isLoopbackAddress() || holds(addr)) {
          return new Served(ns, null);
        }
        continue;
      }
      NamespaceThread thread;
      try {
        thread = NamespaceThread.enter(ns);
      } catch (IOException | RuntimeException | LinkageError e) {
        continue; // not ours to enter (no CAP_SYS_ADMIN), or gone meanwhile
      }
      try {
        if (addr.isLoopbackAddress() || thread.call(() -> holds(addr), 2_000)) {
          return new Served(ns, thread);
        }
      } catch (IOException e) {
        // its interfaces could not be listed: not this one
      }
      thread.close();
    }
    return null;
  }

  private static List<NetNamespace> named(HostRoot root, List<NetNamespace> seen) {
    List<NetNamespace> out = new ArrayList<>();
    Path dir = root.run("netns");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
      for (Path p : names) {
        if (out.size() >= MAX_NAMESPACES) {
          break;
        }
        try {
          NetNamespace ns = NetNamespace.named(root, p.getFileName().toString());
          if (!seen.contains(ns) && !out.contains(ns)) {
            out.add(ns);
          }
        } catch (IOException e) {
          // a stale name whose namespace is gone
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** Whether an interface of the calling thread's namespace has {@code addr}. */
  private static boolean holds(InetAddress addr) throws SocketException {
    return NetworkInterface.getByInetAddress(addr) != null;
  }

  /** The namespace the target is served from, when on this host. */
  public Optional<NetNamespace> server() {
    return Optional.ofNullable(server);
  }

  @Override
  public void close() {
    reader.close();
    if (serverThread != null) {
      serverThread.close();
    }
  }
}
