package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.Fact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recordings the runbook pack is tested on ({@code runbooks/tests/recordings/}) are exactly what
 * {@link ScenarioWriter} writes, so they cannot drift from it. After changing a scenario, rewrite them with
 * {@code mvn -pl simulator test -Dtest=PackRecordingsTest -Dmedic.golden.update=true} (or run
 * {@code ScenarioWriter.main} from the repository root).
 */
class PackRecordingsTest {

  static final Path SHIPPED = Path.of("../runbooks/tests/recordings");
  static final long MAX_BYTES = 300 * 1024;

  @TempDir
  Path dir;

  @Test
  void theShippedRecordingsAreWhatTheGeneratorWrites() throws Exception {
    if (Boolean.getBoolean("medic.golden.update")) {
      ScenarioWriter.writeAll(SHIPPED);
    }
    List<Path> generated = ScenarioWriter.writeAll(dir);
    List<String> names = generated.stream().map(p -> p.getFileName().toString()).toList();
    List<String> shipped;
    try (Stream<Path> files = Files.list(SHIPPED)) {
      shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).sorted().toList();
    }
    assertEquals(names, shipped, "recordings in " + SHIPPED + " that the generator does not write, or the reverse; "
        + "regenerate with -Dmedic.golden.update=true");
    for (Path p : generated) {
      assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(SHIPPED.resolve(p.getFileName())),
          p.getFileName() + " differs from what ScenarioWriter writes; regenerate with -Dmedic.golden.update=true");
    }
  }

  @Test
  void recordingsAreSmallWellFormedAndStartAtTheFixedTime() throws Exception {
    for (Path p : ScenarioWriter.writeAll(dir)) {
      assertTrue(Files.size(p) < MAX_BYTES, p + " is " + Files.size(p) + " bytes");
      try (RecordingReader r = RecordingReader.open(p)) {
        assertEquals(ScenarioWriter.STARTED_AT, r.header().startedAt());
        long previous = Long.MIN_VALUE;
        int sweeps = 0;
        Optional<RecordingReader.Sweep> s;
        while ((s = r.next()).isPresent()) {
          assertTrue(s.get().timestamp() > previous, p + ": sweeps must move forward");
          assertEquals(ScenarioWriter.STARTED_AT + sweeps * r.header().intervalMs(), s.get().timestamp());
          assertTrue(s.get().facts().stream().map(Fact::type).anyMatch("process"::equals), p + ": no processes");
          previous = s.get().timestamp();
          sweeps++;
        }
        assertEquals(0, r.skippedUnknown());
        assertTrue(sweeps >= 10, p + " has " + sweeps + " sweeps");
      }
    }
  }

  @Test
  void everyScenarioHasADistinctNameAndADescription() {
    List<ScenarioWriter.Scenario> all = ScenarioWriter.all();
    assertEquals(all.size(), all.stream().map(ScenarioWriter.Scenario::name).distinct().count());
    all.forEach(s -> assertTrue(s.about().length() > 20, s.name()));
  }
}
