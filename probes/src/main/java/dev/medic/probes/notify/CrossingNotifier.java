package dev.medic.probes.notify;

import java.io.IOException;
import java.util.Optional;

/**
 * One armed kernel notification (or the polling fallback). {@link #await} blocks the calling thread, a dedicated
 * one: none of these belong on an event loop.
 */
public interface CrossingNotifier extends AutoCloseable {

  /** The source's name, as journalled in {@link Crossing#source()}. */
  String source();

  /**
   * Waits up to {@code timeoutMillis} for the next crossing.
   *
   * @return the crossing, or empty on timeout
   * @throws IOException when the source broke (the cgroup was removed, the descriptor closed)
   */
  Optional<Crossing> await(int timeoutMillis) throws IOException;

  @Override
  void close();
}
