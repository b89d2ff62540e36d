package dev.medic.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.medic.checks.CheckRunner;
import dev.medic.checks.CheckSpec;
import dev.medic.checks.Namespaces;
import dev.medic.probes.HostRoot;
import dev.medic.probes.NetworkReader;
import dev.medic.probes.ProbeRegistry;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java half of bench/network.sh (see docs/benchmarks.md, "Network").
 *
 * <pre>
 * inside LISTENERS CONNECTIONS ROUNDS   opens LISTENERS loopback listeners and CONNECTIONS loopback connections
 *                                       (2 sockets each) in this process, then, after 200 warm-up sweeps, times
 *                                       ROUNDS sweeps of the network probes alone (every memory probe off): prints
 *                                       "RESULT inside-cpu median p90 n" (CPU ms of the sweeping thread) and
 *                                       "RESULT inside-wall …"; then sleeps until killed, so the script can time
 *                                       ss -s and nstat on the same sockets ("READY" on stdout)
 * checks N PORT SECONDS                 N http checks of http://127.0.0.1:PORT/ at a 10 s interval, run and drained
 *                                       once a second for SECONDS; prints the process's CPU as a share of one core
 *                                       ("RESULT checks-cpu-percent"), and the same for an idle window
 *                                       ("RESULT idle-cpu-percent"), and how many facts arrived
 * </pre>
 */
public final class NetworkBench {

  private NetworkBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "inside" -> inside(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "checks" -> checks(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void inside(int listeners, int connections, int rounds) throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    List<ServerSocket> servers = new ArrayList<>();
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < listeners; i++) {
      servers.add(new ServerSocket(0, 4096, lo));
    }
    for (int i = 0; i < connections; i++) {
      ServerSocket to = servers.get(i % servers.size());
      sockets.add(new Socket(lo, to.getLocalPort()));
      sockets.add(to.accept());
    }
    Map<String, Boolean> switches = new HashMap<>();
    ProbeRegistry.names().stream().filter(n -> !NetworkReader.SOURCES.contains(n)).forEach(n -> switches.put(n,
        false));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (ProbeSweep sweep = new ProbeSweep(HostRoot.live(), new ProbeSettings(10, false, 1, 1, switches))) {
      int facts = 0;
      for (int i = 0; i < 200; i++) {
        facts = sweep.sweep(System.currentTimeMillis()).size();
      }
      double[] cpu = new double[rounds];
      double[] wall = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        List<Fact> out = sweep.sweep(System.currentTimeMillis());
        wall[i] = (System.nanoTime() - w0) / 1e6;
        cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        facts = out.size();
      }
      System.out.println("INFO inside " + listeners + " listeners, " + (2 * connections) + " connected sockets, "
          + facts + " facts a sweep");
      print("inside-cpu", cpu);
      print("inside-wall", wall);
    }
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void checks(int n, int port, int seconds) throws Exception {
    List<CheckSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      specs.add(new CheckSpec.Http("c" + i, URI.create("http://127.0.0.1:" + port + "/"),
          CheckSpec.StatusRanges.DEFAULT, Optional.empty(), CheckSpec.Http.DEFAULT_BODY_LIMIT, Optional.empty(),
          Duration.ofSeconds(10), Duration.ofSeconds(3), CheckSpec.HOST_NETNS));
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int facts = 0;
    try (CheckRunner runner = new CheckRunner(specs, Namespaces.HOST_ONLY)) {
      runner.start();
      Thread.sleep(10_000); // one whole interval: every check ran once, the JIT warmed
      runner.drain(System.currentTimeMillis());
      long c0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      for (int s = 0; s < seconds; s++) {
        Thread.sleep(1_000);
        facts += runner.drain(System.currentTimeMillis()).size();
      }
      double percent = 100.0 * (os.getProcessCpuTime() - c0) / (System.nanoTime() - w0);
      System.out.printf("RESULT checks-cpu-percent %.3f %.3f %d%n", percent, percent, facts);
    }
    long c0 = os.getProcessCpuTime();
    long w0 = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    double idle = 100.0 * (os.getProcessCpuTime() - c0) / (System.nanoTime() - w0);
    System.out.printf("RESULT idle-cpu-percent %.3f %.3f %d%n", idle, idle, 0);
  }

  private static void print(String name, double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    System.out.printf("RESULT %s %.3f %.3f %d%n", name, v[v.length / 2], v[(int) (v.length * 0.9)], v.length);
  }
}
