package dev.medic.simulator;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic host for replay tests: cgroup {@code /app} with a 100 MiB limit, one sweep a second, and processes
 * chosen so that only one is the right target. Inside {@code /app}: {@code small} (pid 100, 10 MiB PSS) and the hog
 * in {@code /app/child} (80 MiB). Outside it and bigger: {@code outsider} in {@code /elsewhere} (500 MiB), and
 * {@code sibling} in {@code /application} (300 MiB), whose path merely starts with "/app". A kernel thread with a
 * huge PSS is in {@code /}.
 */
final class Scenario {

  static final long MIB = 1L << 20;
  /** 2024-11-24T22:40:00Z. */
  static final long T0 = 1_732_488_000_000L;
  static final int MEDIC_PID = 4242;
  static final RecordingHeader HEADER =
      new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, "test-host", "6.1.0-test", T0, 1000,
          MEDIC_PID);

  static final String RUNBOOK = """
      id: hog
      when:
        any:
          - fact: cgroup
            where: usagePercent >= 90%
            for: 4s
      target: top_process_by_pss
      steps: [capture_identity, capture_pmap]
      remediate:
        - set_oom_score_adj: {value: 500}
      guards: {cooldown: 1m}
      """;

  private Scenario() {}

  static Path runbook(Path dir) throws IOException {
    return Files.writeString(dir.resolve("hog.yaml"), RUNBOOK);
  }

  /** One sweep a second from {@link #T0}, the cgroup at {@code percents[i]}; the hog in /app/child is {@code hogPid}. */
  static List<List<Fact>> sweeps(int hogPid, String hogComm, double... percents) {
    List<List<Fact>> sweeps = new ArrayList<>();
    for (int i = 0; i < percents.length; i++) {
      long ts = T0 + i * 1000L;
      long limit = 100 * MIB;
      sweeps.add(List.of(
          new CgroupSample(ts, "/app", 1, (long) (limit * percents[i] / 100), limit, percents[i], 0L, false),
          new MemorySample(ts, 1000 * MIB, 600 * MIB, 60.0, 40.0, 0, 0, 0, null, null, null),
          process(ts, 100, "small", "/app", 10),
          process(ts, hogPid, hogComm, "/app/child", 80),
          process(ts, 300, "outsider", "/elsewhere", 500),
          process(ts, 400, "sibling", "/application", 300),
          new ProcessSample(ts, 2, 0, "kthreadd", "", 0, "S", 0, null, "/", 0, 0, 9999 * MIB, 0L, true)));
    }
    return sweeps;
  }

  static ProcessSample process(long ts, int pid, String comm, String cgroup, long pssMib) {
    return new ProcessSample(ts, pid, 1, comm, "/usr/bin/" + comm + " --serve", 1000, "S", (pssMib + 5) * MIB, 0L,
        cgroup, 700, 0, pssMib * MIB, pssMib * MIB, false);
  }

  static Path write(Path file, List<List<Fact>> sweeps) throws IOException {
    try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
      sweeps.forEach(w::write);
    }
    return file;
  }

  /** {@code seconds} sweeps, all at {@code percent}. */
  static double[] constant(double percent, int seconds) {
    double[] p = new double[seconds];
    java.util.Arrays.fill(p, percent);
    return p;
  }
}
