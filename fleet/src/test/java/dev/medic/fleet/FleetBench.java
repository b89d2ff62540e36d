package dev.medic.fleet;

import dev.medic.fleet.zk.ZkFleetCoordinator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet benchmark ({@code bench/fleet.sh}): a real 3-server ensemble in child JVMs on 127.0.0.1, then
 * (1) the resident memory of a JVM with a connected fleet client against one without, (2) the time from a permit
 * freed to the next agent's grant, (3) the decisions per second 50 agents sustain, each asking as fast as it can
 * for a 5-host permit and giving a grant straight back, all for one runbook, then spread over 10.
 * Prints {@code name = value} lines.
 */
public final class FleetBench {

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Files.createTempDirectory("medic-fleet-bench-");
    int base = 20000 + ThreadLocalRandom.current().nextInt(20000);
    EnsembleServers servers = new EnsembleServers(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"), base, true, 500);
    List<Process> children = new ArrayList<>();
    try {
      for (int i = 1; i <= 3; i++) {
        children.add(new ProcessBuilder(servers.command(dir, i)).redirectErrorStream(true)
            .redirectOutput(dir.resolve("zk" + i + ".log").toFile()).start());
      }
      String chroot = "/medic-bench-" + Long.toHexString(System.nanoTime());
      List<ZkFleetCoordinator> fleet = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        fleet.add(ZkFleetCoordinator.start(settings(servers.connect(), chroot, "h" + i), "enforce"));
      }
      if (!Members.eventually(60_000, () -> fleet.stream().allMatch(c -> c.health().usable()))) {
        throw new IllegalStateException("the ensemble did not serve all agents within 60 s");
      }
      memory(servers.connect(), chroot, children);
      handoff(fleet.get(0), fleet.get(1));
      throughput(fleet, seconds, 1);
      throughput(fleet, seconds, 10);
      fleet.forEach(ZkFleetCoordinator::close);
    } finally {
      for (Process p : children) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static FleetSettings settings(String connect, String chroot, String host) {
    return new FleetSettings(connect, chroot, Duration.ofSeconds(30), Duration.ofSeconds(30), host,
        Map.of("service", "bench"), new FleetLimits("service", 1, Optional.empty()), Set.of(), Set.of());
  }

  /** RSS of a JVM with the same flags as the lab's agents, idle 20 s, with and without a connected client. */
  private static void memory(String connect, String chroot, List<Process> servers) throws Exception {
    long without = rssOfChild(List.of("none"));
    long with = rssOfChild(List.of(connect, chroot));
    System.out.printf("rss_without_fleet_mib = %.1f%n", without / 1024.0);
    System.out.printf("rss_with_fleet_mib = %.1f%n", with / 1024.0);
    System.out.printf("rss_fleet_client_delta_mib = %.1f%n", (with - without) / 1024.0);
    for (int i = 0; i < servers.size(); i++) {
      System.out.printf("rss_zookeeper_server_%d_mib = %.1f%n", i + 1, rssKib(servers.get(i).pid()) / 1024.0);
    }
  }

  private static long rssOfChild(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(EnsembleServers.JAVA, "-Xmx64m", "-Xss512k", "-XX:+UseSerialGC",
        "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=32m", "-cp", System.getProperty("java.class.path"),
        FleetRss.class.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      Thread.sleep(20_000);
      return rssKib(p.pid());
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static long rssKib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** From a permit freed by one agent to the other's grant of it: 200 handoffs of a 1-host permit. */
  private static void handoff(ZkFleetCoordinator a, ZkFleetCoordinator b) {
    PermitRequest one = new PermitRequest("service", "handoff", 1, Optional.empty(), false, "bench");
    ZkFleetCoordinator holder = a;
    ZkFleetCoordinator next = b;
    Permit held = ((Grant.Granted) holder.acquire(one)).permit();
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      if (!(next.acquire(one) instanceof Grant.Refused)) {
        throw new IllegalStateException("a second holder of a 1-host permit");
      }
      long t0 = System.nanoTime();
      holder.release(held);
      Grant g = next.acquire(one);
      long t1 = System.nanoTime();
      held = ((Grant.Granted) g).permit();
      micros.add((t1 - t0) / 1000);
      ZkFleetCoordinator t = holder;
      holder = next;
      next = t;
    }
    holder.release(held);
    Collections.sort(micros);
    System.out.printf("handoff_freed_to_granted_ms_p50 = %.2f%n", micros.get(micros.size() / 2) / 1000.0);
    System.out.printf("handoff_freed_to_granted_ms_p99 = %.2f%n", micros.get(micros.size() * 99 / 100) / 1000.0);
  }

  /** Every agent asks for a 5-host permit in a loop and gives a grant straight back; decisions counted. */
  private static void throughput(List<ZkFleetCoordinator> fleet, int seconds, int scopes) throws Exception {
    AtomicLong granted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < fleet.size(); i++) {
      ZkFleetCoordinator c = fleet.get(i);
      PermitRequest five = new PermitRequest("service", "load-" + i % scopes, 5, Optional.empty(), false, "bench");
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          Grant g = c.acquire(five);
          if (g instanceof Grant.Granted gr) {
            granted.incrementAndGet();
            c.release(gr.permit());
          } else if (g instanceof Grant.Refused) {
            refused.incrementAndGet();
          } else {
            unavailable.incrementAndGet();
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double took = (System.nanoTime() - start) / 1e9;
    String k = "agents_" + fleet.size() + "_runbooks_" + scopes + "_";
    System.out.printf("%sdecisions_per_s = %.0f%n", k, (granted.get() + refused.get()) / took);
    System.out.printf("%sgrants_per_s = %.0f%n", k, granted.get() / took);
    System.out.printf("%srefusals_per_s = %.0f%n", k, refused.get() / took);
    System.out.printf("%sunavailable_per_s = %.1f%n", k, unavailable.get() / took);
  }
}
