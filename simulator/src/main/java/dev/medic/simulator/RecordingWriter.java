package dev.medic.simulator;

import dev.medic.actions.PrivateFiles;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.text.Printable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.Channels;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a recording: the header line, then one line per fact, flushed after every sweep so a recording cut short
 * is readable up to its last whole line. The file is 0600: it holds command lines. It is created without following
 * a link planted in its place ({@link PrivateFiles}), and DEL and C1 characters are escaped in its JSON
 * ({@link Printable#json}; Jackson escapes the rest).
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
    RecordingWriter w = new RecordingWriter(new BufferedWriter(Channels.newWriter(
        PrivateFiles.open(file, StandardOpenOption.TRUNCATE_EXISTING), StandardCharsets.UTF_8)));
    w.out.write(Printable.json(FactCodec.JSON.writeValueAsString(header)));
    w.out.write('\n');
    w.out.flush();
    return w;
  }

  /** Appends one sweep's facts. */
  public synchronized void write(List<? extends Fact> sweep) {
    try {
      for (Fact f : sweep) {
        out.write(Printable.json(FactCodec.JSON.writeValueAsString(FactCodec.encode(f))));
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
