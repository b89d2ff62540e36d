package dev.medic.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the fixture hosts under {@code src/test/resources/fixtures/} and small temp-tree builders. */
public final class Fixtures {

  private Fixtures() {}

  /** {@code host("cgroup-v1-host")}: a HostRoot over that fixture tree. */
  public static HostRoot host(String name) {
    URL url = Fixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture host " + name);
    }
    try {
      return new HostRoot(Path.of(url.toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code content} to {@code root/relative}, creating parent directories. */
  public static Path write(Path root, String relative, String content) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A {@code /proc/<pid>/stat} line of a user process with the given comm, state and ppid. */
  public static String stat(int pid, String comm, String state, int ppid) {
    return pid + " (" + comm + ") " + state + " " + ppid + " " + pid + " " + pid
        + " 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 500 10485760 256 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0"
        + " 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
  }

  /** A minimal {@code /proc/<pid>/status} with Uid, VmRSS and VmSwap. */
  public static String status(int uid, long rssKb) {
    return "Name:\tx\nState:\tS (sleeping)\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nVmRSS:\t"
        + rssKb + " kB\nVmSwap:\t0 kB\nThreads:\t1\n";
  }

  /** Writes a complete, ordinary {@code proc/<pid>/} directory (no smaps_rollup) under {@code root}. */
  public static void process(Path root, int pid, String comm, long rssKb, String cgroup) {
    String dir = "proc/" + pid + "/";
    write(root, dir + "stat", stat(pid, comm, "S", 1));
    write(root, dir + "status", status(1000, rssKb));
    write(root, dir + "cgroup", "0::" + cgroup + "\n");
    write(root, dir + "cmdline", comm + "\0--flag\0");
    write(root, dir + "oom_score", "666\n");
    write(root, dir + "oom_score_adj", "0\n");
  }
}
