package dev.medic.agent;

import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The live journal: an append-only JSONL file, one event per line. Each line and its newline go to the file in one
 * write, unbuffered, so a crash loses at most the line being written and two writers never interleave inside a
 * line; a line cut short by a full disk is a torn tail that {@link dev.medic.engine.journal.JournalReader}
 * reports. The file is 0600 and its folder 0700: it names processes and their command lines.
 */
public final class FileJournal implements Journal, AutoCloseable {

  private final Path file;
  private FileChannel out;
  private long lines;
  private long bytes;
  private final long maxSize;
  private final int keep;
  private long size;

  private FileJournal(Path file, FileChannel out, long maxSize, int keep) throws IOException {
    this.file = file;
    this.out = out;
    this.maxSize = maxSize;
    this.keep = keep;
    this.size = out.size();
  }

  /** Opens (or creates) the journal for appending; the folder is created 0700 if missing. It never rotates. */
  public static FileJournal open(Path file) throws IOException {
    return open(file, Long.MAX_VALUE, 0);
  }

  /**
   * Opens the journal so that it rotates by size: once a line takes it to {@code maxSize} or beyond, it becomes
   * {@code journal.jsonl.1} (older ones shift up, the one beyond {@code keep} is deleted) and a new file starts.
   */
  public static FileJournal open(Path file, long maxSize, int keep) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.exists(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return new FileJournal(file, append(file), maxSize, keep);
  }

  private static FileChannel append(Path file) throws IOException {
    return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  public Path file() {
    return file;
  }

  /** Appends one event's line; a failed write is reported on stderr and the agent carries on. */
  @Override
  public synchronized void write(JournalEvent event) {
    ByteBuffer line = ByteBuffer.wrap((JournalCodec.line(event) + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      int size = line.remaining();
      out.write(line); // one write(2) of line and newline; the loop only finishes what the kernel took short
      while (line.hasRemaining()) {
        out.write(line);
      }
      lines++;
      bytes += size;
      this.size += size;
      if (this.size >= maxSize) {
        rotate();
      }
    } catch (IOException e) {
      // the journal must not kill the agent: report on stderr and carry on
      System.err.println("medic: cannot write the journal " + file + ": " + e.getMessage());
    }
  }

  /** Shifts journal.jsonl.N to .N+1 (dropping the one beyond {@code keep}), the live file to .1, starts anew. */
  private void rotate() throws IOException {
    out.close();
    try {
      Files.deleteIfExists(JournalFiles.rotated(file, keep));
      for (int n = keep - 1; n >= 1; n--) {
        if (Files.exists(JournalFiles.rotated(file, n))) {
          Files.move(JournalFiles.rotated(file, n), JournalFiles.rotated(file, n + 1), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      Files.move(file, JournalFiles.rotated(file, 1), StandardCopyOption.ATOMIC_MOVE);
    } finally { // a failed rename leaves the old file growing, never a closed journal
      out = append(file);
      size = out.size();
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

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
