package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live journal file: private, append-only, and whole lines even when many threads write at once. */
class FileJournalTest {

  @Test
  void theFileIsPrivateAndItsFolderToo(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("state/journal.jsonl");
    try (FileJournal journal = FileJournal.open(file)) {
      journal.write(ErrorEvent.of(1, "one"));
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
  }

  @Test
  void linesFromManyThreadsAreWholeAndCounted(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    int threads = 8;
    int each = 500;
    try (FileJournal journal = FileJournal.open(file)) {
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        writers.add(new Thread(() -> {
          for (int i = 0; i < each; i++) {
            journal.write(new ErrorEvent(i, "thread-" + id, "x".repeat(i % 300)));
          }
        }));
      }
      writers.forEach(Thread::start);
      for (Thread w : writers) {
        w.join();
      }
      assertEquals(threads * each, journal.lines());
      assertEquals(Files.size(file), journal.bytes());
    }
    JournalReader.Contents read = JournalReader.readAll(file);
    assertEquals(List.of(), read.problems());
    assertEquals(threads * each, read.events().size());
  }

  @Test
  void reopeningAppends(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    try (FileJournal journal = FileJournal.open(file)) {
      journal.write(ErrorEvent.of(1, "first run"));
    }
    try (FileJournal journal = FileJournal.open(file)) {
      journal.write(ErrorEvent.of(2, "second run"));
    }
    List<JournalEvent> events = JournalReader.readAll(file).events();
    assertEquals(List.of(ErrorEvent.of(1, "first run"), ErrorEvent.of(2, "second run")), events);
    assertTrue(Files.readString(file).endsWith("}\n"));
  }
}
