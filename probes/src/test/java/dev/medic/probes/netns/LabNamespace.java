package dev.medic.probes.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test made ({@code ip netns add medic-t-<random>}, loopback up), with the child processes
 * the test started in it; {@link #close()} kills those children by handle and deletes the namespace, in every
 * outcome. {@link #require()} skips the test without root or without {@code ip}.
 */
public final class LabNamespace implements AutoCloseable {

  private final String name = "medic-t-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Process> children = new ArrayList<>();

  private LabNamespace() {}

  /** Skips the calling test unless it runs as root on Linux with {@code ip} on the PATH. */
  public static void require() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
    assumeTrue(onPath("ip"), "needs ip (iproute2)");
  }

  /** A fresh namespace with {@code lo} up; skips the test when {@link #require()} does. */
  public static LabNamespace create() throws IOException {
    require();
    LabNamespace ns = new LabNamespace();
    ns.run("ip", "netns", "add", ns.name);
    try {
      ns.exec("ip", "link", "set", "lo", "up");
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  public String name() {
    return name;
  }

  /** The namespace as Medic resolves it, from {@code /run/netns/<name>}. */
  public NetNamespace namespace() throws IOException {
    return NetNamespace.named(HostRoot.live(), name);
  }

  /** Runs {@code command} inside the namespace ({@code ip netns exec}) to completion; fails on a non-zero exit. */
  public String exec(String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  /** Starts {@code command} inside the namespace and keeps it running until {@link #close()}. */
  public Process start(String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    children.add(p);
    return p;
  }

  /** A {@code sleep} in the namespace: an anchor pid for {@code /proc/<pid>/net/*}. */
  public long anchorPid() throws IOException {
    Process p = start("sleep", "600");
    // ip netns exec execs the command in place, so the child's pid is the sleep once the exec happened
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try {
        if (NetNamespace.ofPid(HostRoot.live(), p.pid()).equals(namespace())) {
          return p.pid();
        }
      } catch (IOException e) {
        // not yet there
      }
      sleep(10);
    }
    throw new IOException("the anchor sleep did not enter " + name);
  }

  @Override
  public void close() throws IOException {
    for (Process p : children) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    run("ip", "netns", "delete", name);
  }

  static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out.strip());
      }
      return out;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
