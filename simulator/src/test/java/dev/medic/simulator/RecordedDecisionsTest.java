package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what every shipped recording decides, so a change to the compiler, the session, the gates or the journal
 * cannot alter a decision unseen. Each runbook set (the pack in advise mode, the pack in enforce mode on an
 * approved host, and every golden-test runbook) is replayed over every recording in
 * {@code runbooks/tests/recordings/}; the journal lines it writes are compared with
 * {@code src/test/resources/decisions/<set>.jsonl}, which were captured before the house reshaping (issue 8).
 *
 * <p>A missing expected file is a failure. After an intended change of decisions, rewrite them explicitly and
 * review the diff: {@code mvn -B -pl simulator -am test -Dtest=RecordedDecisionsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmedic.golden.update=true}.
 */
class RecordedDecisionsTest {

  static final Path EXPECTED = Path.of("src/test/resources/decisions");

  /** One replayed set: a name, runbooks, and whether the host enforces (approved). */
  record Set(String name, Path runbooks, boolean enforce) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Set> sets() throws Exception {
    List<Set> sets = new ArrayList<>(List.of(
        new Set("pack-advise", AdmissionEquivalenceTest.PACK, false),
        new Set("pack-enforce", AdmissionEquivalenceTest.PACK, true)));
    try (Stream<Path> cases = Files.list(AdmissionEquivalenceTest.GOLDEN)) {
      cases.filter(c -> Files.exists(c.resolve("runbook.yaml"))).sorted()
          .forEach(c -> sets.add(new Set("golden-" + c.getFileName(), c.resolve("runbook.yaml"), false)));
    }
    return sets.stream();
  }

  @ParameterizedTest
  @MethodSource("sets")
  void everyRecordingDecidesAsBefore(Set set) throws Exception {
    CompiledRunbooks runbooks = CompiledRunbooks.load(List.of(set.runbooks()), ActionRegistry.builtin());
    GateSettings defaults = GateSettings.defaults();
    GateSettings config = !set.enforce() ? defaults : defaults.with(Mode.ENFORCE, true);
    List<Path> recordings;
    try (Stream<Path> files = Files.list(PackRecordingsTest.SHIPPED)) {
      recordings = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    StringBuilder actual = new StringBuilder();
    for (Path recording : recordings) {
      actual.append("# ").append(recording.getFileName()).append('\n');
      for (var event : new Replayer(runbooks, config).replay(recording).events()) {
        actual.append(JournalCodec.line(event)).append('\n');
      }
    }
    Path expected = EXPECTED.resolve(set.name() + ".jsonl");
    if (Boolean.getBoolean("medic.golden.update")) {
      Files.createDirectories(EXPECTED);
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(expected), expected + " is missing; write it with -Dmedic.golden.update=true and review it");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual.toString(),
        set + ": the decisions on the shipped recordings changed");
  }
}
