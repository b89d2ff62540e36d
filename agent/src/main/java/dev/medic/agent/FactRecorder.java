package dev.medic.agent;

import dev.medic.probes.facts.Fact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the agent sends every sweep's facts when it also records ({@code medic run --record}, {@code medic
 * record}). The recording format belongs to the simulator; the CLI adapts its writer to this, so the agent does
 * not depend on the simulator.
 */
public interface FactRecorder extends AutoCloseable {

  /** The recording's file, named in the journal's start line. */
  Path file();

  /** Writes one sweep; called on the engine's thread. A failure is thrown, counted and journalled as an error. */
  void write(List<Fact> sweep);

  @Override
  void close() throws IOException;
}
