package dev.medic.probes.netns;

import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One network namespace, identified by the inode of its nsfs file ({@code /proc/<pid>/ns/net} or
 * {@code /run/netns/<name>}): two processes are in the same namespace exactly when those inodes are equal, and the
 * kernel names a namespace by that number in its own messages ({@code table full in netns 4026532239}).
 *
 * <p>{@link #id()} is what facts carry in their {@code netns} field: {@code host} for the root namespace (the one
 * pid 1 is in), {@code net:[inode]} otherwise, as {@code readlink /proc/<pid>/ns/net} prints it. {@link #pid()} is a
 * process in the namespace (its anchor): {@code /proc/<pid>/net/*} is that namespace's view, readable from any
 * namespace without entering it. A namespace with no process in it (a bare {@code ip netns add}) has no anchor
 * until a {@link NamespaceThread} enters it and lends its own task.
 *
 * <p>Equality is the inode alone: the same namespace reached through different files is one namespace.
 */
public final class NetNamespace {

  private final long inode;
  private final boolean host;
  private final Path file;
  private final String pid;
  private final String name;

  private NetNamespace(long inode, boolean host, Path file, String pid, String name) {
    this.inode = inode;
    this.host = host;
    this.file = file;
    this.pid = pid;
    this.name = name;
  }

  /**
   * The root namespace: the one pid 1 is in, anchored on Medic itself when Medic is in it, else on pid 1. Where pid
   * 1's namespace links cannot be read (a sandbox whose init is outside Medic's user namespace), Medic's own
   * namespace stands for the host.
   */
  public static NetNamespace host(HostRoot root) throws IOException {
    Path self = root.proc("self/ns/net");
    long selfInode = inode(self);
    long inode = rootInode(root, selfInode);
    return inode == selfInode
        ? new NetNamespace(inode, true, self, "self", null)
        : new NetNamespace(inode, true, root.proc("1/ns/net"), "1", null);
  }

  /** The namespace process {@code pid} is in, anchored on it. */
  public static NetNamespace ofPid(HostRoot root, long pid) throws IOException {
    Path file = root.proc(pid + "/ns/net");
    long inode = inode(file);
    return new NetNamespace(inode, inode == rootInode(root), file, Long.toString(pid), null);
  }

  /**
   * The namespace {@code ip netns add <name>} made ({@code /run/netns/<name>}), with no anchor: pass it to a
   * {@link NamespaceThread}, or {@link #withAnchor} a process known to be in it.
   */
  public static NetNamespace named(HostRoot root, String name) throws IOException {
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new IOException("not a network namespace name: '" + name + "'");
    }
    Path file = root.run("netns").resolve(name);
    long inode = inode(file);
    return new NetNamespace(inode, inode == rootInode(root), file, null, name);
  }

  /** The same namespace anchored on {@code pid}, a process (or task, {@code 123/task/456}) in it. */
  public NetNamespace withAnchor(String pid) {
    return new NetNamespace(inode, host, file, Objects.requireNonNull(pid), name);
  }

  /** {@code host} for the root namespace, else {@code net:[inode]}: the {@code netns} field of network facts. */
  public String id() {
    return host ? "host" : "net:[" + inode + "]";
  }

  public long inode() {
    return inode;
  }

  public boolean isHost() {
    return host;
  }

  /** The nsfs file this was resolved from: what {@code setns} opens. */
  public Path file() {
    return file;
  }

  /** A process in the namespace, for {@code /proc/<pid>/net/*}; null when none is known. */
  public String pid() {
    return pid;
  }

  /** The {@code ip netns} name, when it was resolved from {@code /run/netns}; else null. */
  public String name() {
    return name;
  }

  /** The inode of an nsfs file (a symlink under /proc is followed to the namespace it names). */
  static long inode(Path nsFile) throws IOException {
    Object ino = Files.getAttribute(nsFile, "unix:ino");
    return ((Number) ino).longValue();
  }

  private static long rootInode(HostRoot root) throws IOException {
    return rootInode(root, inode(root.proc("self/ns/net")));
  }

  private static long rootInode(HostRoot root, long selfInode) throws IOException {
    try {
      return inode(root.proc("1/ns/net"));
    } catch (AccessDeniedException | NoSuchFileException e) {
      return selfInode;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetNamespace other && other.inode == inode;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(inode);
  }

  @Override
  public String toString() {
    return id() + (name == null ? "" : " (" + name + ")") + (pid == null ? "" : " via pid " + pid);
  }
}
