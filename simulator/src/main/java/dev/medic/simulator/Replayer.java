package dev.medic.simulator;

import dev.medic.engine.exec.RecordingExecutor;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.engine.runtime.MedicConfig;
import dev.medic.simulator.RecordingReader.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a recording through the same engine, gates and journal format as a live run, on a pseudo clock set from
 * the recorded timestamps, with an executor that runs nothing. The same recording gives the same events, byte for
 * byte.
 */
public final class Replayer {

  /**
   * What a replay saw and decided: the plan and decision events, exactly as a live journal holds them, and what
   * the reader skipped ({@code damage}): when {@link RecordingDamage#damaged()}, the decisions are not those of the
   * whole recording.
   */
  public record Result(RecordingHeader header, long sweeps, long facts, long skippedUnknown,
      List<Map<String, Object>> events, List<RecordingExecutor.Submitted> wouldRun, RecordingDamage damage) {}

  private final CompiledRunbooks runbooks;
  private final MedicConfig config;

  public Replayer(CompiledRunbooks runbooks, MedicConfig config) {
    this.runbooks = runbooks;
    this.config = config;
  }

  public Result replay(Path recording) throws RecordingException {
    try (RecordingReader reader = RecordingReader.open(recording)) {
      Journal journal = Journal.inMemory();
      RecordingExecutor executor = new RecordingExecutor();
      long sweeps = 0;
      long facts = 0;
      try (Engine engine = runbooks.engine(config, reader.header().medicPid(), executor, journal)) {
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
