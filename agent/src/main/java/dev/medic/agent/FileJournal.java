package dev.medic.agent;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.medic.actions.PrivateFiles;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalFiles;
import dev.medic.probes.text.Printable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The live journal: an append-only JSONL file, one event per line. Each line and its newline go to the file in one
 * write, unbuffered, so a crash loses at most the line being written and two writers never interleave inside a
 * line. The file is 0600 and its folder 0700: it names processes and their command lines.
 *
 * <p>Whole lines only: a write that fails part way (a full disk) is cut back to where it started, and a torn last
 * line found at open (a crash, or a disk that filled before this fix) is sealed: the file is truncated to its last
 * whole line and an {@code error} event says how many bytes were dropped and how they began. The file and its
 * folder are opened without following links ({@link PrivateFiles}); {@link #vanished} tells when the file (or
 * the whole state dir) was deleted or replaced under the open descriptor, and {@link #reopen} makes it again.
 * At open, actions the previous run passed but never journalled an outcome for (it was killed) get theirs:
 * {@code dropped} ({@link UnendedActions}).
 */
public final class FileJournal implements Journal, AutoCloseable {

  /** How much of a sealed torn line the error event shows. */
  static final int SHOWN = 200;

  private final Path file;
  private final long maxSize;
  private final int keep;
  private FileChannel out;
  private Object fileKey;
  private long lines;
  private long bytes;
  private long failures;
  private String sealed;

  private FileJournal(Path file, long maxSize, int keep) {
    this.file = file;
    this.maxSize = maxSize;
    this.keep = keep;
  }

  /**
   * Opens (or creates) the journal for appending; the folder is created 0700 if missing and refused if it is a
   * link, not ours, or writable by others ({@link PrivateFiles#checkStateDir}). A torn tail is sealed.
   */
  public static FileJournal open(Path file) throws IOException {
    return open(file, Long.MAX_VALUE, 0);
  }

  /**
   * As {@link #open(Path)}, rotating by size: once a line takes it to {@code maxSize} or beyond, it becomes
   * {@code journal.jsonl.1} (older ones shift up, the one beyond {@code keep} is deleted) and a new file starts.
   */
  public static FileJournal open(Path file, long maxSize, int keep) throws IOException {
    FileJournal journal = new FileJournal(file.toAbsolutePath(), maxSize, keep);
    journal.openChannel();
    if (journal.sealed != null) {
      journal.write(ErrorEvent.of(System.currentTimeMillis(), journal.sealed));
    }
    // a run killed between a decision and its outcome: the outcome is journalled now, as dropped
    try {
      UnendedActions.of(journal.file, System.currentTimeMillis()).forEach(journal::write);
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
    return journal;
  }

  private void openChannel() throws IOException {
    PrivateFiles.checkStateDir(file.getParent());
    FileChannel channel = PrivateFiles.open(file, StandardOpenOption.APPEND);
    try {
      sealed = seal(channel);
      fileKey = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS).fileKey();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    out = channel;
  }

  /** Truncates a last line without its newline; what was dropped, in words, or null when the tail was whole. */
  private String seal(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0) {
      return null;
    }
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW_LINKS)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      in.read(one, size - 1);
      if (one.get(0) == '\n') {
        return null;
      }
      long keep = lastNewline(in, size) + 1; // 0 when the whole file is one torn line
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(SHOWN, size - keep));
      in.read(head, keep);
      channel.truncate(keep);
      String shown = Printable.line(new String(head.array(), 0, head.position(), StandardCharsets.UTF_8));
      return "journal: sealed a torn last line at byte " + keep + " (" + (size - keep)
          + " bytes without a newline, dropped; a crash or a full disk cut it): " + shown;
    }
  }

  private static long lastNewline(FileChannel in, long size) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
    for (long end = size; end > 0; ) {
      long start = Math.max(0, end - chunk.capacity());
      chunk.clear().limit((int) (end - start));
      while (chunk.hasRemaining() && in.read(chunk, start + chunk.position()) > 0) {
        // fill the chunk
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return start + i;
        }
      }
      end = start;
    }
    return -1;
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one event's line; a failed write is cut back, counted and reported on stderr, and the agent carries
   * on.
   */
  @Override
  public synchronized void write(JournalEvent event) {
    ByteBuffer line = ByteBuffer.wrap((JournalCodec.line(event) + "\n").getBytes(StandardCharsets.UTF_8));
    long before = -1;
    try {
      before = out.size();
      int size = line.remaining();
      out.write(line); // one write(2) of line and newline; the loop only finishes what the kernel took short
      while (line.hasRemaining()) {
        out.write(line);
      }
      lines++;
      bytes += size;
    } catch (IOException e) {
      failures++;
      if (before >= 0) {
        try {
          out.truncate(before); // never leave half a line for the next write to run into
        } catch (IOException ignored) {
          // sealed at the next start
        }
      }
      // the journal must not kill the agent: report on stderr and carry on
      System.err.println("medic: cannot write the journal " + file + ": " + reason(e));
      return;
    }
    try {
      if (out.size() >= maxSize) {
        rotate();
      }
    } catch (IOException e) {
      System.err.println("medic: cannot rotate the journal " + file + ": " + reason(e));
    }
  }

  /** Shifts journal.jsonl.N to .N+1 (dropping the one beyond {@code keep}), the live file to .1, starts anew. */
  private void rotate() throws IOException {
    out.close();
    try {
      Files.deleteIfExists(JournalFiles.rotated(file, keep));
      for (int n = keep - 1; n >= 1; n--) {
        if (Files.exists(JournalFiles.rotated(file, n), NOFOLLOW_LINKS)) {
          Files.move(JournalFiles.rotated(file, n), JournalFiles.rotated(file, n + 1), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      Files.move(file, JournalFiles.rotated(file, 1), StandardCopyOption.ATOMIC_MOVE);
    } finally { // a failed rename leaves the old file growing, never a closed journal
      openChannel();
    }
  }

  /**
   * True when the journal's path no longer names the open file: it (or its folder) was deleted or replaced. Each
   * sweep asks, so a vanished state dir is noticed within one interval.
   */
  public synchronized boolean vanished() {
    try {
      return !Objects.equals(fileKey,
          Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS).fileKey());
    } catch (IOException e) { // NoSuchFileException: deleted, with its folder or alone
      return true;
    }
  }

  /** Recreates the state dir if needed and opens the journal at its path again (safely, as {@link #open}). */
  public synchronized void reopen() throws IOException {
    FileChannel old = out;
    openChannel();
    try {
      old.close();
    } catch (IOException ignored) {
      // the old file is gone anyway
    }
  }

  /** Lines written since it was opened. */
  public synchronized long lines() {
    return lines;
  }

  /** Bytes written since it was opened. */
  public synchronized long bytes() {
    return bytes;
  }

  /** Writes that failed (a full disk, a read-only file system, a closed journal). */
  public synchronized long failures() {
    return failures;
  }

  /** The error in words, without a class name: the message, or "journal closed" for a closed channel. */
  static String reason(IOException e) {
    if (e instanceof java.nio.channels.ClosedChannelException) {
      return "the journal is closed";
    }
    return e.getMessage() == null ? "input/output error" : e.getMessage();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
