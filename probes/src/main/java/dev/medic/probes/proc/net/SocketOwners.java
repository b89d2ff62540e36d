package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.proc.CgroupNames;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which process holds a socket, by its inode: the {@code socket:[inode]} links under {@code /proc/<pid>/fd}. A full
 * scan costs 75 ms on a quiet host and 400 ms with one process holding 12,000 descriptors, so owners are cached by
 * inode and the scan runs only when a socket has an inode never seen before (a listener that was re-created). An
 * inode no process holds (its owner is in a pid namespace Medic cannot see) stays unowned until it changes.
 * Socket inodes are unique across network namespaces: one instance serves them all. One sweep at a time.
 */
public final class SocketOwners {

  /** A process holding a socket. @param unit its systemd unit, null when none */
  public record Owner(int pid, String comm, String unit) {}

  private final HostRoot root;
  private final ProbeMetrics metrics;
  /** Calls after which an inode nobody asked about is forgotten (its socket closed, or its namespace dropped). */
  static final int FORGET_AFTER_CALLS = 64;

  private final Map<Long, Integer> pidByInode = new HashMap<>();
  private final Set<Long> unowned = new HashSet<>();
  private final Map<Long, Long> lastAsked = new HashMap<>();
  private final Map<Integer, Owner> ownerByPid = new HashMap<>();
  private long calls;
  private int scans;

  public SocketOwners(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** The owners of the inodes that have one; scans {@code /proc/*}{@code /fd} when one is new or its owner exited. */
  public synchronized Map<Long, Owner> owners(Collection<Long> inodes) {
    Set<Long> unknown = new HashSet<>();
    Map<Integer, Boolean> alive = new HashMap<>();
    for (long inode : inodes) {
      Integer pid = pidByInode.get(inode);
      if (pid == null ? !unowned.contains(inode)
          : !alive.computeIfAbsent(pid, p -> Files.isDirectory(root.proc(Integer.toString(p))))) {
        unknown.add(inode);
        if (pid != null) {
          pidByInode.remove(inode);
          ownerByPid.remove(pid); // exited: a new process may get its pid, with another comm
        }
      }
    }
    if (!unknown.isEmpty()) {
      scan(unknown);
    }
    forgetStale(inodes);
    Map<Long, Owner> owners = new HashMap<>();
    for (long inode : inodes) {
      Integer pid = pidByInode.get(inode);
      if (pid != null) {
        owners.put(inode, ownerByPid.computeIfAbsent(pid, this::owner));
      }
    }
    ownerByPid.keySet().retainAll(pidByInode.values());
    return owners;
  }

  /**
   * Forgets inodes not asked about in the last {@link #FORGET_AFTER_CALLS} calls. Not per call: one instance serves
   * every namespace of a sweep, each asking about its own listeners.
   */
  private void forgetStale(Collection<Long> asked) {
    calls++;
    for (long inode : asked) {
      lastAsked.put(inode, calls);
    }
    if (calls % FORGET_AFTER_CALLS == 0) {
      lastAsked.values().removeIf(call -> call <= calls - FORGET_AFTER_CALLS);
      pidByInode.keySet().retainAll(lastAsked.keySet());
      unowned.retainAll(lastAsked.keySet());
    }
  }

  /** How many full scans ran: for tests and the benchmark. */
  public synchronized int scans() {
    return scans;
  }

  private void scan(Set<Long> wanted) {
    scans++;
    unowned.addAll(wanted);
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(root.proc(""), SocketOwners::isPid)) {
      for (Path pidDir : pids) {
        scanFds(pidDir, wanted);
      }
    } catch (IOException | DirectoryIteratorException e) {
      metrics.countFailedRead();
    }
  }

  private void scanFds(Path pidDir, Set<Long> wanted) {
    int pid = Integer.parseInt(pidDir.getFileName().toString());
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
      for (Path fd : fds) {
        Long inode = socketInode(fd);
        if (inode != null && wanted.contains(inode) && !pidByInode.containsKey(inode)) {
          pidByInode.put(inode, pid); // the lowest pid listed first wins: usually the parent of forked workers
          unowned.remove(inode);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // a process that exited, or one whose fds root cannot read (another user namespace): not an error
    }
  }

  private static Long socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return parseSocketLink(target);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** The inode of a {@code socket:[12345]} link target; null for any other target. */
  static Long parseSocketLink(String target) {
    if (!target.startsWith("socket:[") || !target.endsWith("]")) {
      return null;
    }
    return KernelFiles.parseLongOrNull(target.substring(8, target.length() - 1));
  }

  private Owner owner(int pid) {
    Path dir = root.proc(Integer.toString(pid));
    String comm = null;
    String unit = null;
    try {
      comm = KernelFiles.read(dir.resolve("comm")).strip();
      unit = CgroupNames.of(KernelFiles.read(dir.resolve("cgroup"))).unit();
    } catch (IOException e) {
      // exited since the scan: the pid is still the last owner seen
    }
    return new Owner(pid, comm, unit);
  }

  private static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    if (name.isEmpty() || name.length() > 9) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
