package dev.medic.agent.service;

import dev.medic.engine.journal.JournalFiles;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.state.JournalRestore;
import dev.medic.engine.state.RestoredState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Restart recovery: streams the journal and its rotated files, oldest first, through {@link JournalRestore}, so a
 * restarted (or killed and restarted) agent keeps its cooldowns, rate-limit counts and pending approvals. Damaged
 * lines are skipped as {@link dev.medic.engine.journal.JournalReader} skips them.
 */
public final class Recovery {

  private Recovery() {}

  /** What the journal at {@code journal} (and its rotated files) leaves at {@code now}. */
  public static RestoredState read(Path journal, List<Runbook> runbooks, long now) throws IOException {
    JournalRestore restore = new JournalRestore(runbooks, now, JournalRestore.DEFAULT_APPROVAL_TTL);
    JournalFiles.read(journal, restore::accept);
    return restore.state();
  }
}
