package dev.medic.agent;

import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private final FileChannel out;
  private long lines;
  private long bytes;

  private FileJournal(Path file, FileChannel out) {
    this.file = file;
    this.out = out;
  }

  /** Opens (or creates) the journal for appending; the folder is created 0700 if missing. */
  public static FileJournal open(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.exists(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return new FileJournal(file, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
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
    } catch (IOException e) {
      // the journal must not kill the agent: report on stderr and carry on
      System.err.println("medic: cannot write the journal " + file + ": " + e.getMessage());
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
