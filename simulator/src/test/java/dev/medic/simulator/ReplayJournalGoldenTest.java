package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The journal of two replayed incidents, whole: the shipped pack over {@code cgroup-full} (a container at its
 * limit) and {@code global-oom} (the host out of memory), in advise mode and in enforce mode on an approved host.
 * {@code src/test/resources/journals/<recording>-<mode>.jsonl} pins every line the replay journals, byte for byte,
 * and is read back through {@link JournalReader} to the same events: the published examples of
 * {@code docs/journal-format.md} cannot drift from what Medic writes and reads.
 *
 * <p>A missing file is a failure. After an intended change, rewrite them and review the diff:
 * {@code mvn -B -pl simulator -am test -Dtest=ReplayJournalGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmedic.golden.update=true}.
 */
class ReplayJournalGoldenTest {

  static final Path EXPECTED = Path.of("src/test/resources/journals");

  record Case(String recording, Mode mode) {
    Path golden() {
      return EXPECTED.resolve(recording + "-" + mode.word() + ".jsonl");
    }

    @Override
    public String toString() {
      return recording + " " + mode.word();
    }
  }

  static Stream<Case> cases() {
    return Stream.of("cgroup-full", "global-oom")
        .flatMap(r -> Stream.of(new Case(r, Mode.ADVISE), new Case(r, Mode.ENFORCE)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theReplayedJournalIsPinnedAndReadsBack(Case c) throws Exception {
    CompiledRunbooks pack = CompiledRunbooks.load(List.of(AdmissionEquivalenceTest.PACK), ActionRegistry.builtin());
    GateSettings settings = GateSettings.defaults().with(c.mode(), c.mode() == Mode.ENFORCE);
    Replayer.Result replay = new Replayer(pack, settings)
        .replay(PackRecordingsTest.SHIPPED.resolve(c.recording() + ".jsonl"));
    StringBuilder lines = new StringBuilder();
    replay.events().forEach(e -> lines.append(JournalCodec.line(e)).append('\n'));
    assertTrue(replay.events().size() >= 3, c + " decides something: " + lines);
    if (Boolean.getBoolean("medic.golden.update")) {
      Files.createDirectories(EXPECTED);
      Files.writeString(c.golden(), lines, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(c.golden()), c.golden() + " is missing; write it with -Dmedic.golden.update=true");
    assertEquals(Files.readString(c.golden(), StandardCharsets.UTF_8), lines.toString(), c + ": the journal changed");
    JournalReader.Contents read = JournalReader.readAll(c.golden());
    assertEquals(List.of(), read.problems());
    assertEquals(replay.events(), read.events(), "the golden journal reads back to the replay's events");
  }
}
