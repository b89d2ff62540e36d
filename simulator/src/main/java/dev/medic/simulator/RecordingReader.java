package dev.medic.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.medic.probes.facts.Fact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a recording sweep by sweep (consecutive facts with the same timestamp), streaming, so recordings of any
 * length replay in constant memory. Errors name the file and line.
 */
public final class RecordingReader implements AutoCloseable {

  /** One sweep: every fact recorded at one moment. */
  public record Sweep(long timestamp, List<Fact> facts) {}

  private final Path file;
  private final ByteLines in;
  private final RecordingHeader header;
  private int lineNo = 1;
  private long skippedUnknown;
  private Fact pending;

  private RecordingReader(Path file, ByteLines in, RecordingHeader header) {
    this.file = file;
    this.in = in;
    this.header = header;
  }

  public static RecordingReader open(Path file) throws RecordingException {
    ByteLines in;
    try {
      in = new ByteLines(Files.newInputStream(file));
    } catch (IOException e) {
      throw new RecordingException(file + ": cannot read: " + e.getMessage());
    }
    try {
      if (!in.next()) {
        throw new RecordingException(file + ":1: empty file; a recording starts with a header line");
      }
      RecordingHeader h = FactCodec.JSON.readValue(in.bytes(), 0, in.length(), RecordingHeader.class);
      if (h == null) {
        throw new RecordingException(file + ":1: bad header: expected a JSON object with \"format\"");
      }
      if (!RecordingHeader.FORMAT.equals(h.format())) {
        throw new RecordingException(file + ":1: not a Medic recording (format is '" + h.format() + "')");
      }
      if (h.version() < 1) {
        throw new RecordingException(file + ":1: bad header: \"version\" must be 1 or more");
      }
      if (h.version() > RecordingHeader.VERSION) {
        throw new RecordingException(file + ":1: recording format version " + h.version()
            + " is newer than this Medic reads (" + RecordingHeader.VERSION + ")");
      }
      return new RecordingReader(file, in, h);
    } catch (JsonProcessingException e) {
      closeQuietly(in);
      throw new RecordingException(file + ":1: bad header: " + e.getOriginalMessage());
    } catch (IOException e) {
      closeQuietly(in);
      throw new RecordingException(file + ": cannot read: " + e.getMessage());
    } catch (RecordingException e) {
      closeQuietly(in);
      throw e;
    }
  }

  public RecordingHeader header() {
    return header;
  }

  /** Facts of types this version does not know, skipped. */
  public long skippedUnknown() {
    return skippedUnknown;
  }

  /** The next sweep, or empty at the end. */
  public Optional<Sweep> next() throws RecordingException {
    List<Fact> facts = new ArrayList<>();
    if (pending != null) {
      facts.add(pending);
      pending = null;
    }
    Fact f;
    while ((f = readFact()) != null) {
      if (!facts.isEmpty() && f.timestamp() != facts.get(0).timestamp()) {
        pending = f;
        break;
      }
      facts.add(f);
    }
    return facts.isEmpty() ? Optional.empty() : Optional.of(new Sweep(facts.get(0).timestamp(), facts));
  }

  private Fact readFact() throws RecordingException {
    try {
      while (in.next()) {
        lineNo++;
        if (in.isBlank()) {
          continue;
        }
        Optional<Fact> fact = FactCodec.decodeLine(in.bytes(), in.length());
        if (fact.isPresent()) {
          return fact.get();
        }
        skippedUnknown++;
      }
      return null;
    } catch (JsonProcessingException e) {
      throw new RecordingException(file + ":" + lineNo + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RecordingException(file + ":" + lineNo + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  private static void closeQuietly(ByteLines in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // only read from; nothing to lose
    }
  }
}
