package dev.medic.engine.journal;

import java.util.ArrayList;
import java.util.List;

/** A journal kept in memory: a replay's events, exactly the ones a live run on the same facts would journal. */
public final class MemoryJournal implements Journal {

  private final List<JournalEvent> events = new ArrayList<>();

  @Override
  public synchronized void write(JournalEvent event) {
    events.add(event);
  }

  /** The events written so far, in order. */
  public synchronized List<JournalEvent> events() {
    return List.copyOf(events);
  }
}
