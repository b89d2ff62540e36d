package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.journal.StartEvent;
import dev.medic.engine.journal.StopEvent;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.probes.facts.Fact;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on this host's real {@code /proc} with the shipped pack, for a few sweeps: its journal opens with a
 * start line in the current format and ends with a stop line that counts what it did, and reads back whole.
 */
class AgentTest {

  @Test
  void aShortRunJournalsItsStartAndStop(@TempDir Path tmp) throws Exception {
    MedicConfig config = MedicConfig.defaults(List.of(Path.of("../runbooks")))
        .withStateDir(tmp.resolve("state")).withInterval(Duration.ofMillis(200));
    CompiledRunbooks pack = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
    AtomicInteger recorded = new AtomicInteger();
    Path recording = tmp.resolve("rec.jsonl");
    FactRecorder recorder = new FactRecorder() {
      @Override
      public Path file() {
        return recording;
      }

      @Override
      public void write(List<Fact> sweep) {
        recorded.incrementAndGet();
      }

      @Override
      public void close() {}
    };
    Path journal;
    try (Agent agent = new Agent(config, pack, Optional.of(recorder), null)) {
      journal = agent.journalFile();
      for (int i = 0; i < 100 && agent.sweeps() < 3; i++) {
        Thread.sleep(100);
      }
    }
    JournalReader.Contents read = JournalReader.readAll(journal);
    assertEquals(List.of(), read.problems());
    List<JournalEvent> events = read.events();
    StartEvent start = assertInstanceOf(StartEvent.class, events.get(0));
    assertEquals(JournalCodec.FORMAT, start.format());
    assertEquals(JournalCodec.VERSION, start.version());
    assertEquals(ProcessHandle.current().pid(), start.pid());
    assertEquals("advise", start.mode());
    assertEquals(pack.runbooks().stream().map(Runbook::id).toList(), start.runbooks());
    assertEquals(recording.toString(), start.recording());
    assertEquals(200, start.intervalMs());
    StopEvent stop = assertInstanceOf(StopEvent.class, events.get(events.size() - 1));
    assertTrue(stop.sweeps() >= 3, stop.toString());
    assertEquals(recorded.get(), stop.sweeps(), "every sweep went to the recorder");
    assertEquals(0, stop.errors(), events.toString());
    assertEquals((double) stop.sweeps(), stop.metrics().get("medic.sweeps"));
  }
}
