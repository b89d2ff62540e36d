package dev.medic.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.medic.probes.facts.Fact;
import dev.medic.engine.runbook.Echo;
import dev.medic.engine.runbook.InputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a recording sweep by sweep (consecutive facts with the same timestamp), streaming, so recordings of any
 * length replay in constant memory. A line that cannot be read stops the reader with an error naming the file and
 * line. A line that can be read but does not belong where it is (its timestamp goes back, it repeats a line of its
 * sweep) or that holds a fact type this Medic does not know is skipped and reported in {@link #damage()}, so a
 * replay can say that it did not replay the whole recording. Only regular files are opened, and a line may hold at
 * most {@link #MAX_LINE_BYTES}, so {@code /dev/zero}, a FIFO or a file without newlines fails at once.
 */
public final class RecordingReader implements AutoCloseable {

  /** One sweep: every fact recorded at one moment. */
  public record Sweep(long timestamp, List<Fact> facts) {}

  /** The longest fact line read: a process fact with a 64 KiB command line, escaped, is well under it. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  private final Path file;
  private final ByteLines in;
  private final RecordingDamage damage;
  private final java.util.Set<java.nio.ByteBuffer> sweepLines = new java.util.HashSet<>();
  private long sweepTs = Long.MIN_VALUE;
  private final RecordingHeader header;
  private int lineNo = 1;
  private long skippedUnknown;
  private Fact pending;

  private RecordingReader(Path file, ByteLines in, RecordingHeader header) {
    this.file = file;
    this.in = in;
    this.header = header;
    this.damage = new RecordingDamage(file.toString());
  }

  public static RecordingReader open(Path file) throws RecordingException {
    ByteLines in;
    try {
      in = new ByteLines(InputFile.open(file), MAX_LINE_BYTES);
    } catch (IOException e) {
      throw new RecordingException(file + ": cannot read: " + InputFile.reason(e).replaceFirst("^cannot read: ", ""));
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
      throw new RecordingException(file + ":1: " + Echo.line(e.getMessage()));
    } catch (RecordingException e) {
      closeQuietly(in);
      throw e;
    }
  }

  public RecordingHeader header() {
    return header;
  }

  /** What was skipped, and where; complete once {@link #next()} has returned empty. */
  public RecordingDamage damage() {
    return damage;
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

  /** A decoded fact line: the fact, its line number and its bytes (for spotting a repeated line). */
  private record Line(Fact fact, long number, java.nio.ByteBuffer bytes) {}

  private Line held;

  /**
   * The next fact that belongs where it stands. A fact stamped after the current sweep starts the next sweep,
   * unless the line after it is of the current sweep again: then it is one line moved up from a later sweep, and
   * it alone is skipped (rather than every line of the sweep it interrupted).
   */
  private Fact readFact() throws RecordingException {
    while (true) {
      Line line = held != null ? held : readLine();
      held = null;
      if (line == null) {
        return null;
      }
      Fact f = line.fact();
      if (f.timestamp() > sweepTs && sweepTs != Long.MIN_VALUE) {
        held = readLine();
        if (held != null && held.fact().timestamp() == sweepTs) {
          damage.add(line.number(), "a fact stamped " + f.timestamp() + " inside the sweep of " + sweepTs
              + " (a line moved from a later sweep); skipped");
          continue;
        }
      }
      if (belongs(line)) {
        return f;
      }
    }
  }

  /** The next line that decodes to a known fact; unknown types are counted and reported. */
  private Line readLine() throws RecordingException {
    try {
      while (in.next()) {
        lineNo++;
        if (in.isBlank()) {
          continue;
        }
        Optional<Fact> fact = FactCodec.decodeLine(in.bytes(), in.length());
        if (fact.isEmpty()) {
          skippedUnknown++;
          damage.add(lineNo, "a fact of a type this Medic does not know; skipped");
        } else {
          return new Line(fact.get(), lineNo,
              java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(in.bytes(), in.length())));
        }
      }
      return null;
    } catch (JsonProcessingException e) {
      throw new RecordingException(file + ":" + lineNo + ": " + Echo.line(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new RecordingException(file + ":" + lineNo + ": " + Echo.line(e.getMessage()));
    }
  }

  /**
   * Whether a decoded fact may join the sweeps: its timestamp does not go back (a line moved, or a sweep out of
   * order) and it is not a copy of a line already in its sweep (a line duplicated). Others are reported, skipped.
   */
  private boolean belongs(Line line) {
    Fact f = line.fact();
    if (f.timestamp() < sweepTs) {
      damage.add(line.number(), "the timestamp goes back from " + sweepTs + " to " + f.timestamp()
          + " (a line moved, or a sweep out of order); skipped");
      return false;
    }
    if (f.timestamp() > sweepTs) {
      sweepTs = f.timestamp();
      sweepLines.clear();
    }
    if (!sweepLines.add(line.bytes())) {
      damage.add(line.number(), "repeats a line of its sweep; skipped");
      return false;
    }
    return true;
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
