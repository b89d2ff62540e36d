package dev.medic.simulator;

import dev.medic.engine.exec.RecordingExecutor;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.simulator.RecordingReader.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Replays a recording through the same engine, gates and journal format as a live run, on a pseudo clock set from
 * the recorded timestamps, with an executor that runs nothing. The same recording gives the same events, byte for
 * byte.
 */
public final class Replayer {

  /**
   * What a replay saw and decided: the plan and decision events a live journal would hold, in order
   * ({@code JournalCodec.line} gives each one's line), and what the reader skipped ({@code damage}): when
   * {@link RecordingDamage#damaged()}, the decisions are not those of the whole recording.
   */
  public record Result(RecordingHeader header, long sweeps, long facts, long skippedUnknown,
      List<JournalEvent> events, List<RecordingExecutor.Submitted> wouldRun, RecordingDamage damage) {}

  private final CompiledRunbooks runbooks;
  private final GateSettings settings;

  /** Replays decide with these gate settings, protecting the recording's Medic pid as Medic itself. */
  public Replayer(CompiledRunbooks runbooks, GateSettings settings) {
    this.runbooks = runbooks;
    this.settings = settings;
  }

  public Result replay(Path recording) throws RecordingException {
    try (RecordingReader reader = RecordingReader.open(recording)) {
      MemoryJournal journal = Journal.inMemory();
      RecordingExecutor executor = new RecordingExecutor();
      long sweeps = 0;
      long facts = 0;
      try (Engine engine = runbooks.engine(settings, reader.header().medicPid(), executor, journal)) {
        Optional<Sweep> sweep;
        while ((sweep = reader.next()).isPresent()) {
          engine.accept(sweep.get().timestamp(), sweep.get().facts());
          sweeps++;
          facts += sweep.get().facts().size();
        }
      }
      return new Result(reader.header(), sweeps, facts, reader.skippedUnknown(), journal.events(),
          executor.submitted(), reader.damage());
    }
  }
}
