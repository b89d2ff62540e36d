package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.gate.GateSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage a reader can see in a recording it can still read is reported with its line, never replayed silently. */
class RecordingDamageTest {

  static Path runbook;
  static CompiledRunbooks compiled;

  @TempDir
  Path dir;

  @BeforeAll
  static void compile(@TempDir Path rbDir) throws Exception {
    runbook = Scenario.runbook(rbDir);
    compiled = CompiledRunbooks.load(List.of(runbook), ActionRegistry.builtin());
  }

  private Replayer.Result replay(Path rec) throws RecordingException {
    return new Replayer(compiled, GateSettings.defaults()).replay(rec);
  }

  private Path recording() throws Exception {
    return Scenario.write(dir.resolve("rec.jsonl"), Scenario.sweeps(200, "worker", Scenario.constant(95, 5)));
  }

  @Test
  void anUndamagedRecordingReportsNothing() throws Exception {
    Replayer.Result r = replay(recording());
    assertFalse(r.damage().damaged());
    assertEquals(List.of(), r.damage().lines());
  }

  @Test
  void aLineMovedBackIntoAnEarlierSweepIsReportedAtItsLine() throws Exception {
    Path rec = recording();
    List<String> lines = new ArrayList<>(Files.readAllLines(rec));
    lines.add(lines.remove(2)); // a fact of the first sweep now comes last
    Files.write(rec, lines);
    Replayer.Result r = replay(rec);
    assertTrue(r.damage().damaged());
    assertEquals(1, r.damage().count());
    assertEquals(lines.size(), r.damage().problems().get(0).line());
    assertTrue(r.damage().lines().get(0).startsWith(rec + ":" + lines.size() + ": the timestamp goes back"),
        r.damage().lines().toString());
  }

  @Test
  void aDuplicatedLineIsReported() throws Exception {
    Path rec = recording();
    List<String> lines = new ArrayList<>(Files.readAllLines(rec));
    lines.add(4, lines.get(3));
    Files.write(rec, lines);
    Replayer.Result r = replay(rec);
    assertEquals(List.of(new RecordingDamage.Problem(5, "repeats a line of its sweep; skipped")),
        r.damage().problems());
    assertEquals(replay(recording()).events(), r.events(), "the copy was skipped");
  }

  @Test
  void aLineMovedUpFromALaterSweepIsTheOnlyOneSkipped() throws Exception {
    Path rec = recording();
    List<String> lines = new ArrayList<>(Files.readAllLines(rec));
    lines.add(3, lines.remove(lines.size() - 1)); // the last sweep's last fact, inside the first sweep
    Files.write(rec, lines);
    Replayer.Result r = replay(rec);
    assertEquals(1, r.damage().count(), r.damage().lines().toString());
    assertEquals(4, r.damage().problems().get(0).line());
    assertTrue(r.damage().problems().get(0).what().contains("moved from a later sweep"), r.damage().lines().toString());
  }

  @Test
  void manyProblemsShowTheFirstTwentyAndACount() throws Exception {
    Path rec = recording();
    List<String> lines = new ArrayList<>(Files.readAllLines(rec));
    for (int i = 0; i < 30; i++) {
      lines.add(lines.get(1)); // the first sweep's memory fact, 30 times after the last sweep
    }
    Files.write(rec, lines);
    RecordingDamage d = replay(rec).damage();
    assertEquals(30, d.count());
    assertEquals(RecordingDamage.SHOWN + 2, d.lines().size(), d.lines().toString());
    assertEquals(rec + ": … and 10 more problem(s)", d.lines().get(RecordingDamage.SHOWN));
  }

  @Test
  void devZeroAFifoAndAnEndlessLineFailAtOnce() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      RecordingException e = assertThrows(RecordingException.class, () -> replay(Path.of("/dev/zero")));
      assertEquals("/dev/zero: cannot read: is not a regular file (a FIFO, socket or device); expected a file",
          e.getMessage());
      Path endless = dir.resolve("endless.jsonl");
      Files.write(endless, new byte[RecordingReader.MAX_LINE_BYTES + 10]);
      e = assertThrows(RecordingException.class, () -> replay(endless));
      assertTrue(e.getMessage().startsWith(endless + ":1: a line longer than"), e.getMessage());
    });
    Path fifo = dir.resolve("fifo.jsonl");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is needed");
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      RecordingException e = assertThrows(RecordingException.class, () -> replay(fifo));
      assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    });
  }
}
