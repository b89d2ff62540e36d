package dev.medic.bench;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.runbook.RunbookLoader;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.facts.VmstatSample;
import dev.medic.simulator.RecordingHeader;
import dev.medic.simulator.RecordingWriter;
import dev.medic.simulator.Replayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The runbook pack's two goals (issue 4): it validates and compiles in under a second once the JVM is warm, and
 * replays at least 200,000 facts per second on a recording with realistic process counts.
 *
 * <p>Usage: {@code RunbookBench <runbooks dir> <work dir> [processes] [sweeps]}. Prints one line per figure.
 */
public final class RunbookBench {

  private RunbookBench() {}

  public static void main(String[] args) throws Exception {
    Path runbooks = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int processes = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int sweeps = args.length > 3 ? Integer.parseInt(args[3]) : 600;
    ActionRegistry actions = ActionRegistry.builtin();

    // 1. validate alone, and validate + DRL + KieBase build, warm
    for (int i = 0; i < 5; i++) {
      CompiledRunbooks.load(List.of(runbooks), actions);
    }
    double[] validate = new double[10];
    double[] compile = new double[10];
    int count = 0;
    for (int i = 0; i < validate.length; i++) {
      long t0 = System.nanoTime();
      count = new RunbookLoader(actions).loadAll(List.of(runbooks)).size();
      validate[i] = (System.nanoTime() - t0) / 1e6;
      long t1 = System.nanoTime();
      CompiledRunbooks.load(List.of(runbooks), actions);
      compile[i] = (System.nanoTime() - t1) / 1e6;
    }
    System.out.printf(Locale.ROOT, "pack: %d runbooks%n", count);
    System.out.printf(Locale.ROOT, "validate_ms median %.1f p90 %.1f%n", median(validate), p90(validate));
    System.out.printf(Locale.ROOT, "validate_and_compile_ms median %.1f p90 %.1f%n", median(compile), p90(compile));

    // 2. replay throughput on a recording with a realistic process count
    Path recording = work.resolve("bench-recording.jsonl");
    long facts = write(recording, processes, sweeps);
    CompiledRunbooks compiled = CompiledRunbooks.load(List.of(runbooks), actions);
    GateSettings config = new GateSettings(Mode.ADVISE, false, GateSettings.DEFAULT_PROTECTED, Set.of());
    Replayer replayer = new Replayer(compiled, config);
    replayer.replay(recording); // warm-up
    replayer.replay(recording);
    // wall time is the goal's measure; the replaying thread's CPU time is reported beside it because it barely
    // moves when other work shares the machine, which wall time does
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] rates = new double[5];
    double[] cpuRates = new double[rates.length];
    int plans = 0;
    for (int i = 0; i < rates.length; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Replayer.Result r = replayer.replay(recording);
      rates[i] = r.facts() / ((System.nanoTime() - t0) / 1e9);
      cpuRates[i] = r.facts() / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
      plans = (int) r.events().stream().filter(PlanEvent.class::isInstance).count();
    }
    System.out.printf(Locale.ROOT, "recording: %d sweeps x (%d processes + host facts) = %d facts, %d bytes%n",
        sweeps, processes, facts, Files.size(recording));
    System.out.printf(Locale.ROOT, "replay_facts_per_s median %.0f min %.0f max %.0f (%d plans)%n", median(rates),
        Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0), plans);
    System.out.printf(Locale.ROOT, "replay_facts_per_cpu_s median %.0f%n", median(cpuRates));
  }

  /** Sweeps 2 s apart: memory, pressure, vmstat, 20 limited cgroups and the processes; one leaks, one cgroup fills. */
  static long write(Path file, int processes, int sweeps) throws Exception {
    Random random = new Random(42);
    long start = 1_767_225_600_000L;
    long mib = 1L << 20;
    long n = 0;
    try (RecordingWriter w = RecordingWriter.create(file,
        new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, "bench", "6.1.0", start, 2000, 1))) {
      for (int s = 0; s < sweeps; s++) {
        long ts = start + s * 2000L;
        List<Fact> sweep = new ArrayList<>();
        double used = 60 + 35.0 * s / sweeps;
        sweep.add(new MemorySample(ts, 16L << 30, (long) ((16L << 30) * (100 - used) / 100), 100 - used, used,
            0, 0, 0, 8L << 30, 100 * mib, 12L << 30));
        for (String res : List.of("memory", "cpu", "io")) {
          sweep.add(new PressureSample(ts, res, 1.0, 0.8, 0.5, 1.2, 0.1, 0.1, 0.1, 0.0));
        }
        sweep.add(new VmstatSample(ts, 10.0, 0.0, 0.0, 0.0, 2.0, 0L));
        for (int c = 0; c < 20; c++) {
          double pct = c == 3 ? Math.min(99, 50 + s * 0.2) : 30 + random.nextInt(20);
          sweep.add(new CgroupSample(ts, "/system.slice/svc" + c + ".service", 2, (long) (1024 * mib * pct / 100),
              1024 * mib, pct, 0L, null));
        }
        for (int p = 0; p < processes; p++) {
          int pid = 1000 + p;
          long rss = (p == 7 ? 200 + s : 20 + (p % 50) + random.nextInt(3)) * mib;
          String cgroup = "/system.slice/svc" + (p % 20) + ".service";
          sweep.add(new ProcessSample(ts, pid, 1, "proc" + p, "/usr/bin/proc" + p + " --flag", 1000, "S", rss, 0L,
              cgroup, 600 + p % 100, 0, p < 30 ? rss - mib : null, p < 30 ? rss - 2 * mib : null, false,
              start - 3_600_000, 4, 12, null, null, "svc" + (p % 20) + ".service", null));
        }
        w.write(sweep);
        n += sweep.size();
      }
    }
    return n;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double p90(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.ceil(s.length * 0.9) - 1];
  }
}
