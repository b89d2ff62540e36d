package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ListenerSample}s of a namespace: its LISTEN sockets from {@link SockDiag} (with backlogs), run on the
 * namespace's thread, or from {@link TcpListenersReader} (backlog null) when there is no thread, the host root is
 * not the live one (a fixture tree), or netlink fails; owners from {@link SocketOwners}.
 */
public final class ListenersReader {

  /** How long a sock_diag dump on a namespace thread may take before the sweep falls back to /proc. */
  static final long NETLINK_TIMEOUT_MILLIS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(ListenersReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final TcpListenersReader tcpFiles;
  private final SocketOwners owners;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final Map<String, Seen> lastOwners = new HashMap<>();

  /** How long the owner of a listen key is remembered after the listener was last seen (a refusal's suspect). */
  public static final long LAST_OWNER_MILLIS = 10 * 60_000;

  /** The owner a listen key last had, and when. */
  private record Seen(SocketOwners.Owner owner, long timestamp) {}

  public ListenersReader(HostRoot root, ProbeMetrics metrics, SocketOwners owners) {
    this.root = root;
    this.metrics = metrics;
    this.tcpFiles = new TcpListenersReader(root, metrics);
    this.owners = owners;
  }

  /**
   * @param thread the namespace's thread, for netlink; null to use it only for Medic's own namespace (on the
   *     calling thread, which must not have entered another namespace)
   */
  public List<ListenerSample> read(long timestamp, NetNamespace ns, NamespaceThread thread) {
    List<Listening> listening = netlink(ns, thread);
    if (listening == null) {
      listening = tcpFiles.read(ns);
    }
    Map<Long, SocketOwners.Owner> byInode = owners.owners(listening.stream().map(Listening::inode).toList());
    List<ListenerSample> samples = samples(timestamp, ns.id(), listening, byInode);
    remember(timestamp, samples);
    return samples;
  }

  /**
   * The process that last held {@code listen} (a {@link ListenerSample#listen} key) in the
   * {@link #LAST_OWNER_MILLIS} before {@code timestamp}, also after the listener is gone: the pid to join with an
   * {@code oom_kill} when a probe is refused on that port. Empty when none was seen that recently.
   */
  public synchronized Optional<SocketOwners.Owner> lastOwner(String listen, long timestamp) {
    Seen seen = lastOwners.get(listen);
    return seen == null || timestamp - seen.timestamp() > LAST_OWNER_MILLIS
        ? Optional.empty() : Optional.of(seen.owner());
  }

  private synchronized void remember(long timestamp, List<ListenerSample> samples) {
    for (ListenerSample l : samples) {
      if (l.pid() != null) {
        lastOwners.put(l.listen(), new Seen(new SocketOwners.Owner(l.pid(), l.comm(), l.unit()), timestamp));
      }
    }
    lastOwners.values().removeIf(seen -> timestamp - seen.timestamp() > LAST_OWNER_MILLIS);
  }

  /** The netlink dump, or null when it is not possible here or failed (counted and warned once). */
  private List<Listening> netlink(NetNamespace ns, NamespaceThread thread) {
    if (!root.equals(HostRoot.live())) {
      return null;
    }
    try {
      if (thread != null) {
        return thread.call(SockDiag::listeners, NETLINK_TIMEOUT_MILLIS);
      }
      return "self".equals(ns.pid()) ? SockDiag.listeners() : null;
    } catch (IOException | RuntimeException | LinkageError e) {
      if (warnOnce.warn("netlink " + ns.id(), "sock_diag failed in {}: {}; listeners from /proc without backlog",
          ns, e.toString())) {
        metrics.countMissingSource();
      }
      return null;
    }
  }

  static List<ListenerSample> samples(long timestamp, String netns, List<Listening> listening,
      Map<Long, SocketOwners.Owner> byInode) {
    List<ListenerSample> samples = new ArrayList<>(listening.size());
    for (Listening l : listening) {
      SocketOwners.Owner owner = byInode.get(l.inode());
      samples.add(new ListenerSample(timestamp, netns + " " + Addresses.endpoint(l.addr(), l.port()), netns,
          l.addr(), l.port(), l.acceptQueue(), l.backlog(), Deltas.percent(l.acceptQueue(), l.backlog(), 1),
          l.inode(), owner == null ? null : owner.pid(), owner == null ? null : owner.comm(),
          owner == null ? null : owner.unit()));
    }
    return samples;
  }
}
