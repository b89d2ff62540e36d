package dev.medic.simulator;

import dev.medic.probes.facts.Fact;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes a recording: the header line, then one line per fact, flushed after every sweep so a recording cut short
 * is readable up to its last whole line. The file is 0600: it holds command lines.
 */
public final class RecordingWriter implements AutoCloseable {

  private final BufferedWriter out;
  private long facts;

  private RecordingWriter(BufferedWriter out) {
    this.out = out;
  }

  public static RecordingWriter create(Path file, RecordingHeader header) throws IOException {
    Files.deleteIfExists(file);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    RecordingWriter w = new RecordingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    w.out.write(FactCodec.JSON.writeValueAsString(header));
    w.out.write('\n');
    w.out.flush();
    return w;
  }

  /** Appends one sweep's facts. */
  public synchronized void write(List<? extends Fact> sweep) {
    try {
      for (Fact f : sweep) {
        out.write(FactCodec.JSON.writeValueAsString(FactCodec.encode(f)));
        out.write('\n');
        facts++;
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized long facts() {
    return facts;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
