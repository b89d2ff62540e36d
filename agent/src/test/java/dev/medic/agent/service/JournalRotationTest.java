package dev.medic.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.agent.FileJournal;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalFiles;
import dev.medic.engine.journal.JournalReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** journal.jsonl rotates by size, keeps {@code keep} rotated files, and reads back whole and in order. */
class JournalRotationTest {

  @Test
  void rotatedFilesReadBackInOrderAndTheOldestBeyondKeepIsGone(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("state/journal.jsonl");
    int lines = 400;
    try (FileJournal journal = FileJournal.open(file, 4096, 3)) {
      for (int i = 0; i < lines; i++) {
        journal.write(ErrorEvent.of(i, "line " + i + " " + "x".repeat(40)));
      }
    }
    List<Path> files = JournalFiles.inOrder(file);
    assertEquals(List.of(JournalFiles.rotated(file, 3), JournalFiles.rotated(file, 2), JournalFiles.rotated(file, 1),
        file), files);
    assertFalse(Files.exists(JournalFiles.rotated(file, 4)), "keep 3: the fourth is deleted");
    for (Path f : files) {
      assertTrue(Files.size(f) < 4096 + 200, f + " is bounded by maxSize plus one line");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
      assertEquals(List.of(), JournalReader.readAll(f).problems(), "no line is split between files");
    }
    List<JournalEvent> events = new ArrayList<>();
    assertEquals(List.of(), JournalFiles.read(file, events::add));
    long first = ((ErrorEvent) events.get(0)).at();
    assertTrue(first > 0, "the oldest lines were rotated away");
    for (int i = 0; i < events.size(); i++) {
      assertEquals(first + i, ((ErrorEvent) events.get(i)).at(), "in the order written, none missing");
    }
    assertEquals(lines - 1, ((ErrorEvent) events.get(events.size() - 1)).at());
  }

  @Test
  void aReopenedJournalCountsTheSizeItAlreadyHas(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    try (FileJournal journal = FileJournal.open(file, 4096, 2)) {
      for (int i = 0; i < 30; i++) { // about 2,900 bytes
        journal.write(ErrorEvent.of(i, "x".repeat(60)));
      }
    }
    assertFalse(Files.exists(JournalFiles.rotated(file, 1)));
    try (FileJournal journal = FileJournal.open(file, 4096, 2)) {
      for (int i = 0; i < 20; i++) { // 1,900 more: past 4096 only counting what the file had
        journal.write(ErrorEvent.of(i, "x".repeat(60)));
      }
    }
    assertTrue(Files.exists(JournalFiles.rotated(file, 1)), "the restart continued the size count");
  }
}
