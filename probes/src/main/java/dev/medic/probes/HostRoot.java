package dev.medic.probes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the host's kernel files are: {@code /} on a live host, a fixture tree in tests, a mounted host in a
 * container. Every reader resolves its paths through this; no other class names {@code /proc} literally.
 */
public record HostRoot(Path root) {

  /**
   * Medic's own {@code /dev/null}, never the host's: what child processes (pmap, lsof, journalctl) read as their
   * standard input wherever the host is mounted.
   */
  public static final File NULL_DEVICE = new File("/dev/null");

  /** The filesystem type procfs reports, and the directory it is mounted on under the root. */
  private static final String PROC = "proc";

  public static HostRoot live() {
    return new HostRoot(Path.of("/"));
  }

  /** {@code proc("meminfo")} is {@code <root>/proc/meminfo}. */
  public Path proc(String relative) {
    return root.resolve(PROC).resolve(relative);
  }

  /** {@code pid(42)} is {@code <root>/proc/42}, the directory of one process. */
  public Path pid(int pid) {
    return proc(Integer.toString(pid));
  }

  /**
   * Whether {@code <root>/proc} is a mounted procfs, as opposed to a fixture tree that only mirrors its paths.
   *
   * @throws IOException when it cannot be asked
   */
  public boolean procIsProcfs() throws IOException {
    return PROC.equals(Files.getFileStore(proc("")).type());
  }

  /** {@code dev("kmsg")} is {@code <root>/dev/kmsg}. */
  public Path dev(String relative) {
    return root.resolve("dev").resolve(relative);
  }

  /**
   * {@code procNet("1234", "netstat")} is {@code <root>/proc/1234/net/netstat}: the network files of the network
   * namespace process 1234 is in ({@code self} for Medic's own), readable from any namespace without entering it.
   */
  public Path procNet(String pid, String file) {
    return proc(pid).resolve("net").resolve(file);
  }

  /** {@code run("netns")} is {@code <root>/run/netns}, where {@code ip netns add} pins named namespaces. */
  public Path run(String relative) {
    return root.resolve("run").resolve(relative);
  }

  /** {@code etc("resolv.conf")} is {@code <root>/etc/resolv.conf}. */
  public Path etc(String relative) {
    return root.resolve("etc").resolve(relative);
  }

  /** {@code sys("fs/cgroup")} is {@code <root>/sys/fs/cgroup}. */
  public Path sys(String relative) {
    return root.resolve("sys").resolve(relative);
  }
}
