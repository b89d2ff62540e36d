package dev.medic.bench;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Java half of bench/run.sh (see docs/benchmarks.md). Compiled against the shaded cli jar; no JMH.
 *
 * <pre>
 * trace                                  20 warm-up sweeps, then one default sweep between two marker opens
 *                                        (/medic-bench-trace-begin, -end) for strace to cut out
 * rounds FLOOR SPEC PSS_SPEC COLD_SPEC ROUNDS PER_ROUND
 *                                        interleaved rounds on the same host: Medic default sweep, Medic PSS-for-all
 *                                        sweep (warm caches; with two reader threads; and cold: the first sweep of a
 *                                        new ProbeSweep, which reads cmdline and limits of every process), the C
 *                                        floor for each, for the cold sweep (COLD_SPEC: SPEC with cmdline and limits)
 *                                        and for smem's table alone (PSS_SPEC), smem, ps; prints
 *                                        "RESULT name median p90 n" for wall ms and, as name-cpu, CPU ms (all Java
 *                                        threads' user + system time, so reader threads count; the floor's, smem's
 *                                        and ps's user + system time)
 * poll SECONDS                           after 200 warm-up sweeps of each kind, CPU of sweeping once a second for
 *                                        SECONDS (default settings, then topN 0, then the shipped tiered polling:
 *                                        processes every 10th sweep), then of idling as long; with the JIT's
 *                                        compilation time in each window
 * </pre>
 */
public final class SweepBench {

  private static final ProbeSweep DEFAULT = new ProbeSweep(HostRoot.live(), ProbeSettings.defaults());
  private static final ProbeSweep PSS_ALL = new ProbeSweep(HostRoot.live(), new ProbeSettings(0, true));
  /** PSS for all with two reader threads: shorter wall time where a core is idle, not less CPU. */
  private static final ProbeSweep PSS_ALL_2R = new ProbeSweep(HostRoot.live(), new ProbeSettings(0, true, 1, 2));

  private SweepBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "trace" -> trace();
      case "rounds" -> rounds(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]),
          Integer.parseInt(args[6]));
      case "poll" -> poll(Integer.parseInt(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void trace() {
    for (int i = 0; i < 20; i++) {
      DEFAULT.sweep(System.currentTimeMillis());
    }
    Files.exists(Path.of("/medic-bench-trace-begin")); // a stat/open strace can see; the file does not exist
    List<Fact> facts = DEFAULT.sweep(System.currentTimeMillis());
    Files.exists(Path.of("/medic-bench-trace-end"));
    System.out.println("traced one sweep: " + facts.size() + " facts");
  }

  private static void rounds(String floor, String spec, String pssSpec, String coldSpec, int rounds, int perRound)
      throws Exception {
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // warm-up: JIT, page cache of the jar, the sweeps' state (pressure deltas, RSS history, the caches)
    for (int i = 0; i < 30; i++) {
      DEFAULT.sweep(System.currentTimeMillis());
      PSS_ALL.sweep(System.currentTimeMillis());
      PSS_ALL_2R.sweep(System.currentTimeMillis());
      new ProbeSweep(HostRoot.live(), new ProbeSettings(0, true)).sweep(System.currentTimeMillis());
    }
    int processes = 0;
    int withPss = 0;
    Map<String, Supplier<ProbeSweep>> sweeps = new LinkedHashMap<>();
    sweeps.put("medic-default", () -> DEFAULT);
    sweeps.put("medic-pss-all", () -> PSS_ALL);
    sweeps.put("medic-pss-all-2r", () -> PSS_ALL_2R);
    // a new ProbeSweep has empty caches: this sweep reads cmdline and limits of every process, as a sweep does
    // for the processes whose cached values reached their age bound (60 s)
    sweeps.put("medic-pss-all-cold", () -> new ProbeSweep(HostRoot.live(), new ProbeSettings(0, true)));
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Supplier<ProbeSweep>> kind : sweeps.entrySet()) {
        for (int i = 0; i < perRound; i++) {
          ProbeSweep sweep = kind.getValue().get();
          long cpu0 = javaThreadsCpu(threads); // user + system time: the sweep's syscalls, on every reader thread
          long t0 = System.nanoTime();
          List<Fact> facts = sweep.sweep(System.currentTimeMillis());
          add(ms, kind.getKey(), (System.nanoTime() - t0) / 1e6, (javaThreadsCpu(threads) - cpu0) / 1e6);
          if (sweep == DEFAULT) {
            processes = (int) facts.stream().filter(ProcessSample.class::isInstance).count();
          } else if (sweep == PSS_ALL) {
            withPss = (int) facts.stream().filter(f -> f instanceof ProcessSample p && p.pss() != null).count();
          }
        }
      }
      String n = Integer.toString(perRound);
      addAll(ms, "floor-default", run(floor, "pass", spec, n, Integer.toString(ProbeSettings.DEFAULT_TOP_N)));
      addAll(ms, "floor-pss-all", run(floor, "pass", spec, n, "0", "all"));
      addAll(ms, "floor-pss-all-cold", run(floor, "pass", coldSpec, n, "0", "all"));
      addAll(ms, "floor-pss-only", run(floor, "pass", pssSpec, n, "0", "all"));
      addAll(ms, "smem", run(floor, "exec", "1", "--", "smem", "-c", "pid uss pss"));
      addAll(ms, "ps", run(floor, "exec", "1", "--", "ps", "aux", "--sort=-%mem"));
      System.err.printf("round %d/%d done%n", r + 1, rounds);
    }
    System.out.printf("INFO processes-per-sweep %d processes-with-pss-in-pss-all-sweep %d%n", processes, withPss);
    ms.forEach((k, v) -> System.out.printf("RESULT %s %.2f %.2f %d%n", k, pct(v, 50), pct(v, 90), v.size()));
  }

  /** CPU time of every live Java thread: the sweeping thread and the reader pool (idle threads add nothing). */
  private static long javaThreadsCpu(ThreadMXBean threads) {
    long total = 0;
    for (long id : threads.getAllThreadIds()) {
      total += Math.max(0, threads.getThreadCpuTime(id)); // -1 for a thread that ended meanwhile
    }
    return total;
  }

  private static void add(Map<String, List<Double>> ms, String name, double wall, double cpu) {
    ms.computeIfAbsent(name, k -> new ArrayList<>()).add(wall);
    ms.computeIfAbsent(name + "-cpu", k -> new ArrayList<>()).add(cpu);
  }

  private static void addAll(Map<String, List<Double>> ms, String name, List<List<Double>> wallAndCpu) {
    for (int i = 0; i < wallAndCpu.get(0).size(); i++) {
      add(ms, name, wallAndCpu.get(0).get(i), wallAndCpu.get(1).get(i));
    }
  }

  /**
   * CPU time of this JVM (all threads: GC and JIT too) while sweeping once a second with the default settings, then
   * with topN 0 (smaps_rollup only for the largest process of each limited cgroup), then idle.
   */
  private static void poll(int seconds) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    ProbeSweep cheap = new ProbeSweep(HostRoot.live(), new ProbeSettings(0, false));
    // the shipped defaults: host files every second, the process table every 10th sweep
    ProbeSweep tiered = new ProbeSweep(HostRoot.live(), new ProbeSettings(ProbeSettings.DEFAULT_TOP_N, false, 10));
    // the agent's steady state, not its first minute: methods called once a sweep (the host readers) reach the C2
    // compiler only after thousands of calls, and 30 warm-up sweeps left that compilation inside the measured
    // windows (up to 0.4 % of a core in 30 s). 200 sweeps each; the JIT time left is printed with each phase.
    for (int i = 0; i < 200; i++) {
      DEFAULT.sweep(System.currentTimeMillis());
      cheap.sweep(System.currentTimeMillis());
      tiered.sweep(System.currentTimeMillis());
    }
    System.gc();
    Map<String, ProbeSweep> phases = new LinkedHashMap<>();
    phases.put("polling", DEFAULT);
    phases.put("polling-top0", cheap);
    phases.put("polling-tiered", tiered);
    phases.put("idle", null);
    for (Map.Entry<String, ProbeSweep> phase : phases.entrySet()) {
      long cpu0 = os.getProcessCpuTime();
      long jit0 = jit.getTotalCompilationTime();
      long t0 = System.nanoTime();
      for (int s = 1; s <= seconds; s++) {
        if (phase.getValue() != null) {
          phase.getValue().sweep(System.currentTimeMillis());
        }
        long next = t0 + s * 1_000_000_000L;
        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      }
      double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
      double wallMs = (System.nanoTime() - t0) / 1e6;
      System.out.printf("RESULT poll-%s-cpu-percent %.3f %.1f %d jit-ms %d%n", phase.getKey(), 100 * cpuMs / wallMs,
          cpuMs, seconds, jit.getTotalCompilationTime() - jit0);
    }
  }

  /** Runs the floor helper; its two output lines are wall ms and CPU ms, one figure per pass or run. */
  private static List<List<Double>> run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      lines = r.lines().toList();
    }
    if (p.waitFor() != 0 || lines.size() != 2) {
      throw new IOException(String.join(" ", cmd) + " failed");
    }
    return lines.stream().map(l -> Arrays.stream(l.trim().split(" ")).map(Double::valueOf).toList()).toList();
  }

  private static double pct(List<Double> values, int p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
  }
}
