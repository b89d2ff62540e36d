package dev.medic.engine.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A journal and its rotated files: {@code journal.jsonl} is the newest, {@code journal.jsonl.1} the one before it,
 * up to {@code journal.jsonl.<keep>}. Readers that need the whole history (restart recovery, the API's recent
 * journal) read them oldest first with {@link #read}, so events come in the order they were written.
 */
public final class JournalFiles {

  private JournalFiles() {}

  /** The name of rotated file {@code n} (1 is the newest rotated one). */
  public static Path rotated(Path journal, int n) {
    return journal.resolveSibling(journal.getFileName() + "." + n);
  }

  /** The journal's files that exist, oldest first, the live file last. */
  public static List<Path> inOrder(Path journal) {
    List<Path> files = new ArrayList<>();
    for (int n = 1; Files.isRegularFile(rotated(journal, n)); n++) {
      files.add(0, rotated(journal, n));
    }
    if (Files.isRegularFile(journal)) {
      files.add(journal);
    }
    return files;
  }

  /**
   * Streams every event of every file, oldest first, to {@code sink}; returns the problems met (damaged lines are
   * skipped, as {@link JournalReader} does). A file that vanishes between listing and reading (rotated meanwhile)
   * is skipped.
   */
  public static List<JournalReader.Problem> read(Path journal, Consumer<JournalEvent> sink) throws IOException {
    List<JournalReader.Problem> problems = new ArrayList<>();
    for (Path file : inOrder(journal)) {
      JournalReader reader;
      try {
        reader = JournalReader.open(file);
      } catch (java.nio.file.NoSuchFileException gone) {
        continue;
      }
      try (reader) {
        for (Optional<JournalEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
          sink.accept(e.get());
        }
        problems.addAll(reader.problems());
      }
    }
    return problems;
  }
}
