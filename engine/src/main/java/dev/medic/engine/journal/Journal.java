package dev.medic.engine.journal;

/**
 * Where the engine and the agent write their {@link JournalEvent}s: the agent's append-only file live, memory in
 * replays, nowhere in some tests. Implementations must not throw on a write: a journal that cannot be written is
 * reported (on stderr, in a counter) and the agent keeps deciding.
 */
public interface Journal {

  /** Writes one event, in order after every event written before it. */
  void write(JournalEvent event);

  /** A journal that keeps nothing. */
  static Journal discard() {
    return event -> {};
  }

  /** A journal kept in memory, for replays: their output is the events a live run would have journalled. */
  static MemoryJournal inMemory() {
    return new MemoryJournal();
  }
}
