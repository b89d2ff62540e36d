package dev.medic.cli;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.simulator.RecordingHeader;
import dev.medic.simulator.RecordingWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A runbook and a recording it fires on, written with the real {@link RecordingWriter}: cgroup {@code /app} at 95%
 * of 100 MiB every second for 10 s; inside it {@code small} (pid 100, 10 MiB PSS) and {@code worker} in
 * {@code /app/child} (pid 200, 80 MiB); outside it the bigger {@code outsider} (pid 300, 500 MiB).
 */
final class RecordingFixtures {

  static final long MIB = 1L << 20;
  /** 2024-11-24T22:40:00Z. */
  static final long T0 = 1_732_488_000_000L;
  static final RecordingHeader HEADER =
      new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, "test-host", "6.1.0-test", T0, 1000, 4242);

  private RecordingFixtures() {}

  static Path runbook(Path dir) throws IOException {
    return Files.writeString(dir.resolve("hog.yaml"), """
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
        summary: "{{process.comm}} (pid {{process.pid}}) holds {{process.pss}} PSS in {{scope}}"
        """);
  }

  static Path recording(Path file) throws IOException {
    return recording(file, "worker");
  }

  /** The same recording with the target (pid 200) named {@code workerComm}. */
  static Path recording(Path file, String workerComm) throws IOException {
    try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
      for (int i = 0; i < 10; i++) {
        long ts = T0 + i * 1000L;
        w.write(List.<Fact>of(
            new CgroupSample(ts, "/app", 1, 95 * MIB, 100 * MIB, 95.0, 0L, false),
            process(ts, 100, "small", "/app", 10),
            process(ts, 200, workerComm, "/app/child", 80),
            process(ts, 300, "outsider", "/elsewhere", 500)));
      }
    }
    return file;
  }

  private static ProcessSample process(long ts, int pid, String comm, String cgroup, long pssMib) {
    return new ProcessSample(ts, pid, 1, comm, "/usr/bin/" + comm, 1000, "S", (pssMib + 5) * MIB, 0L, cgroup, 700, 0,
        pssMib * MIB, pssMib * MIB, false);
  }
}
