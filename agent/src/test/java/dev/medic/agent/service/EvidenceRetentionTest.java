package dev.medic.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.journal.PruneEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence folders pruned by age, then oldest first by total size; busy folders and link targets survive. */
class EvidenceRetentionTest {

  static final long DAY = Duration.ofDays(1).toMillis();
  static final long NOW = 1_800_000_000_000L;

  private static Path incident(Path root, String name, long ageMillis, int bytes) throws Exception {
    Path dir = Files.createDirectories(root.resolve(name));
    Files.write(dir.resolve("pmap.txt"), new byte[bytes]);
    Files.setLastModifiedTime(dir, FileTime.fromMillis(NOW - ageMillis));
    return dir;
  }

  @Test
  void oldFoldersGoThenTheOldestWhileAboveTheTotal(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("evidence");
    incident(root, "a-old", 40 * DAY, 1000);
    incident(root, "b", 3 * DAY, 4000);
    incident(root, "c", 2 * DAY, 4000);
    incident(root, "d", DAY, 4000);
    Path busy = incident(root, "e-busy", 1000, 50_000);
    MemoryJournal journal = Journal.inMemory();
    EvidenceRetention retention = new EvidenceRetention(root, Duration.ofDays(30), 55_000, journal, () -> NOW);
    PruneEvent e = retention.prune().orElseThrow();
    assertEquals(List.of("a-old", "b", "c"), e.removed(), "the old one, then the oldest until under 55000 bytes");
    assertEquals(9000, e.freedBytes());
    assertEquals(54_000, e.keptBytes());
    assertEquals("maxAge 30d, maxTotal 55000 bytes", e.reason());
    assertEquals(List.of(e), journal.events());
    assertTrue(Files.isDirectory(root.resolve("d")));
    assertTrue(Files.isDirectory(busy), "a folder written in the last minute is never removed");
    assertEquals(Optional.empty(), retention.prune(), "nothing more to do: nothing journalled");
  }

  @Test
  void aSymlinkIsRemovedAsALinkNotFollowed(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("evidence"));
    Path outside = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(outside.resolve("keep.txt"), "mine");
    Path link = Files.createSymbolicLink(root.resolve("evil"), outside);
    Files.getFileAttributeView(link, java.nio.file.attribute.BasicFileAttributeView.class,
        java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.fromMillis(NOW - 90 * DAY), null, null);
    new EvidenceRetention(root, Duration.ofDays(30), 1L << 30, Journal.discard(), () -> NOW).prune();
    assertTrue(Files.notExists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("mine", Files.readString(outside.resolve("keep.txt")));
  }
}
