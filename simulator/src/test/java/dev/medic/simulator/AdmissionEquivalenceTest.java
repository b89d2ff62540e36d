package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.MedicConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session lets into Drools only the samples some pattern can match (engine {@code Admission}). That is an
 * optimisation and must never change a decision: every shipped recording, replayed with the runbook pack and with
 * each golden-test runbook (every language construct), gives exactly the same journal events whether the session
 * admits only what the rules need or every sample.
 */
class AdmissionEquivalenceTest {

  static final Path PACK = Path.of("../runbooks");
  static final Path GOLDEN = Path.of("../engine/src/test/resources/golden");

  static Stream<Path> runbookSets() throws Exception {
    List<Path> sets = new ArrayList<>(List.of(PACK));
    try (Stream<Path> cases = Files.list(GOLDEN)) {
      cases.map(c -> c.resolve("runbook.yaml")).filter(Files::exists).sorted().forEach(sets::add);
    }
    return sets.stream();
  }

  @ParameterizedTest
  @MethodSource("runbookSets")
  void filteredAndUnfilteredSessionsDecideAlike(Path runbooks) throws Exception {
    CompiledRunbooks filtered = CompiledRunbooks.load(List.of(runbooks), ActionRegistry.builtin());
    CompiledRunbooks everything = new CompiledRunbooks(filtered.runbooks(),
        filtered.ruleBase().with(filtered.ruleBase().spec().admittingEverything()), filtered.actions());
    MedicConfig config = MedicConfig.defaults(List.of(runbooks));
    List<Path> recordings;
    try (Stream<Path> files = Files.list(PackRecordingsTest.SHIPPED)) {
      recordings = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    assertTrue(recordings.size() >= 10, "the shipped recordings: " + recordings);
    int events = 0;
    for (Path recording : recordings) {
      Replayer.Result a = new Replayer(filtered, config).replay(recording);
      Replayer.Result b = new Replayer(everything, config).replay(recording);
      assertEquals(b.events(), a.events(), runbooks + " on " + recording.getFileName());
      events += a.events().size();
    }
    if (runbooks.equals(PACK)) {
      assertTrue(events > 20, "the pack decides something on its own recordings: " + events);
    }
  }
}
