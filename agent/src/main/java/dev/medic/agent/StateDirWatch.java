package dev.medic.agent;

import dev.medic.engine.journal.ErrorEvent;
import java.io.IOException;

/**
 * Notices, once a sweep, that the state dir or its journal was deleted or replaced under the running agent
 * ({@code rm -rf /var/lib/medic}, a cleanup job, a planted link): without this the agent would append to a
 * deleted file forever and journal nothing anyone can read. Each time it is noticed it is counted
 * ({@code medic.state.vanished}) and said on stderr; the state dir is recreated safely (0700, links refused)
 * and the journal reopened, with an {@code error} event in the new file; when it cannot be recreated (a
 * read-only or full file system) the agent says so on every sweep and keeps deciding.
 */
final class StateDirWatch {

  private final FileJournal journal;
  private final MedicMetrics metrics;

  StateDirWatch(FileJournal journal, MedicMetrics metrics) {
    this.journal = journal;
    this.metrics = metrics;
  }

  /** Checks once; never throws. */
  void check() {
    try {
      if (!journal.vanished()) {
        return;
      }
      metrics.stateVanished();
      String what = "medic: the journal " + journal.file() + " (or its state dir) vanished";
      try {
        journal.reopen();
      } catch (IOException | RuntimeException e) {
        System.err.println(what + " and cannot be made again: " + e.getMessage() + "; deciding on, unjournalled");
        return;
      }
      System.err.println(what + "; recreated it and reopened the journal");
      journal.write(ErrorEvent.of(System.currentTimeMillis(),
          "the journal or its state dir vanished while the agent ran; recreated and reopened"));
    } catch (RuntimeException e) {
      System.err.println("medic: cannot check the state dir: " + e.getMessage());
    }
  }
}
