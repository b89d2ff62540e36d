package dev.medic.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The partition lab: three ZooKeeper servers and three agents, one pair per network namespace, the namespaces
 * joined by veth pairs to a bridge in a fourth; then the third is cut off with iptables DROP inside its own
 * namespace, and healed. Every process runs in a child JVM started (and killed) by handle; the namespaces, with
 * their links, are deleted in every outcome. Root only: skipped without root, {@code ip} or {@code iptables}.
 *
 * <p>Asserted from the agents' logs on the one host clock: never more than 1 holder of the 1-host permit, no grant
 * on the cut-off side, no step started by the cut-off agent once it was cut off, and the cut-off agent back in the
 * fleet after the heal.
 */
@Tag("lab")
class PartitionLabTest {

  private static final String JAVA = EnsembleServers.JAVA;

  private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
  private final int net = 200 + ThreadLocalRandom.current().nextInt(50);
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  private String ns(int i) {
    return "medic-t-" + id + "-" + (i == 0 ? "br" : "n" + i);
  }

  private String address(int i) {
    return "10.213." + net + "." + i;
  }

  @Test
  void theCutOffSideGrantsNothingAndStartsNothing() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")), "needs ip");
    assumeTrue(run(List.of("iptables", "--version")) == 0, "needs iptables");
    Path dir = Files.createTempDirectory("medic-t-partition-");
    try {
      network();
      // tick 250 ms: sync limit 1 s, well under the agents' 3 s session
      EnsembleServers servers = new EnsembleServers(List.of(address(1), address(2), address(3)), 2181, false, 250);
      String connect = servers.connect();
      for (int i = 1; i <= 3; i++) {
        processes.add(inNamespace(i, servers.command(dir, i), dir.resolve("zk" + i + ".log")));
      }
      List<Path> logs = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        Path log = dir.resolve("a" + i + ".log");
        logs.add(log);
        processes.add(inNamespace(i, List.of(JAVA, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
            System.getProperty("java.class.path"), PartitionAgent.class.getName(), connect, "/medic-t-lab",
            "a" + i), log));
      }
      assertTrue(waitFor(45_000, () -> grants(logs.get(2)) > 0), () -> "the third agent took part before the cut: "
          + tails(dir));
      Thread.sleep(3000);
      long cut = System.currentTimeMillis();
      firewall(3, "-A");
      Thread.sleep(12_000);
      long heal = System.currentTimeMillis();
      firewall(3, "-D");
      Thread.sleep(10_000);
      for (Process p : processes) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      List<String[]> events = new ArrayList<>();
      for (Path log : logs) {
        for (String line : Files.readAllLines(log)) {
          String[] f = line.split(" ", 4);
          if (f.length == 4 && f[0].matches("\\d+")) {
            events.add(f);
          }
        }
      }
      events.sort(Comparator.comparingLong(f -> Long.parseLong(f[0])));
      System.out.printf("partition: %d events, max holders %d, cut at +%d ms, healed at +%d ms%n", events.size(),
          maxHolders(events), cut - at(events.get(0)), heal - at(events.get(0)));
      assertTrue(maxHolders(events) <= 1, "more than one holder: " + maxHolders(events));
      long afterCut = cut + 200; // a grant committed before the cut may be logged just after it
      List<String[]> minority = events.stream().filter(f -> f[1].equals("a3")).toList();
      long minorityGrants = minority.stream().filter(f -> f[2].equals("GRANT") && at(f) > afterCut && at(f) < heal)
          .count();
      assertEquals(0, minorityGrants, "grants on the cut-off side");
      long starts = minority.stream().filter(f -> f[2].equals("START") && at(f) > afterCut && at(f) < heal).count();
      assertEquals(0, starts, "steps started by the cut-off agent");
      long majorityGrants = events.stream().filter(f -> !f[1].equals("a3") && f[2].equals("GRANT")
          && at(f) > afterCut + 8000 && at(f) < heal).count();
      assertTrue(majorityGrants > 0, "the majority went on granting");
      assertTrue(minority.stream().anyMatch(f -> f[2].equals("GRANT") && at(f) > heal), "the healed agent is back");
    } finally {
      for (Process p : processes) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (String n : namespaces) {
        run(List.of("ip", "netns", "del", n));
      }
      deleteTree(dir);
    }
  }

  private static long at(String[] f) {
    return Long.parseLong(f[0]);
  }

  /** The most agents between START and END at once, on the shared clock. */
  private static int maxHolders(List<String[]> events) {
    java.util.Set<String> holding = new java.util.HashSet<>();
    int max = 0;
    for (String[] f : events) {
      if (f[2].equals("START")) {
        holding.add(f[1]);
        max = Math.max(max, holding.size());
      } else if (f[2].equals("END")) {
        holding.remove(f[1]);
      }
    }
    return max;
  }

  /** The last lines of every log, for a failure's message. */
  private static String tails(Path dir) {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        out.append("\n--- ").append(f.getFileName()).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
      }
    } catch (IOException e) {
      out.append(e);
    }
    return out.toString();
  }

  private static long grants(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(" GRANT ")).count() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Namespaces n1..n3 with a veth each to a bridge in namespace br; nothing in the root namespace. */
  private void network() throws Exception {
    for (int i = 0; i <= 3; i++) {
      must(List.of("ip", "netns", "add", ns(i)));
      namespaces.add(ns(i));
      must(List.of("ip", "-n", ns(i), "link", "set", "lo", "up"));
    }
    must(List.of("ip", "-n", ns(0), "link", "add", "br0", "type", "bridge"));
    must(List.of("ip", "-n", ns(0), "link", "set", "br0", "up"));
    for (int i = 1; i <= 3; i++) {
      String host = "mt" + id + "h" + i;
      String port = "mt" + id + "b" + i;
      must(List.of("ip", "link", "add", host, "type", "veth", "peer", "name", port));
      must(List.of("ip", "link", "set", host, "netns", ns(i)));
      must(List.of("ip", "link", "set", port, "netns", ns(0)));
      must(List.of("ip", "-n", ns(0), "link", "set", port, "master", "br0", "up"));
      must(List.of("ip", "-n", ns(i), "addr", "add", address(i) + "/24", "dev", host));
      must(List.of("ip", "-n", ns(i), "link", "set", host, "up"));
    }
  }

  /** Cuts ({@code -A}) or heals ({@code -D}) namespace i: everything but loopback dropped, both ways. */
  private void firewall(int i, String op) throws Exception {
    must(List.of("ip", "netns", "exec", ns(i), "iptables", op, "INPUT", "!", "-i", "lo", "-j", "DROP"));
    must(List.of("ip", "netns", "exec", ns(i), "iptables", op, "OUTPUT", "!", "-o", "lo", "-j", "DROP"));
  }

  private Process inNamespace(int i, List<String> command, Path log) throws IOException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns(i)));
    all.addAll(command);
    return new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static boolean waitFor(long millis, java.util.function.BooleanSupplier c) throws InterruptedException {
    return Members.eventually(millis, c);
  }

  private static void must(List<String> command) throws Exception {
    int rc = run(command);
    if (rc != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + rc);
    }
  }

  private static int run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
