package dev.medic.engine.journal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams a journal back, event by event, whole lines only. Damage is reported, never thrown: a torn last line
 * (no newline at the end, or a last line that is not a whole event: what a crash or a full disk leaves) is
 * reported with its line number and byte offset, so a starting agent can seal it; a damaged line in the middle and
 * an event type this Medic does not know are reported and skipped; the lines after a {@link StartEvent} of a
 * format version newer than {@link JournalCodec#VERSION} are skipped up to the next start this reader can read.
 */
public final class JournalReader implements AutoCloseable {

  /** What was wrong with a line. */
  public enum Damage {
    /** The last line has no newline, or is not a whole event. */
    TORN_TAIL,
    /** A line before the last that is not a journal event. */
    MALFORMED,
    /** A well-formed event of a type this Medic does not know. */
    UNKNOWN_EVENT,
    /** A start line of another format or a newer version: the lines up to the next start are skipped. */
    UNSUPPORTED_VERSION
  }

  /**
   * One damaged or skipped line.
   *
   * @param line 1-based line number
   * @param offset the byte offset where the line starts (where a torn tail would be cut)
   */
  public record Problem(String source, long line, long offset, Damage damage, String detail) {
    @Override
    public String toString() {
      return source + ":" + line + ": " + detail;
    }
  }

  /** A whole journal read at once. */
  public record Contents(List<JournalEvent> events, List<Problem> problems) {
    /** The torn last line, if the journal ends with one. */
    public Optional<Problem> tornTail() {
      return problems.stream().filter(p -> p.damage() == Damage.TORN_TAIL).findFirst();
    }
  }

  /** One line's bytes, where it starts, and whether a newline ended it. */
  private record Raw(byte[] bytes, long offset, boolean terminated) {}

  private final InputStream in;
  private final String source;
  private final List<Problem> problems = new ArrayList<>();
  private Raw ahead;
  private long offset;
  private long lineNo;
  private long eventLine;
  private boolean skipping;

  private JournalReader(InputStream in, String source) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.source = source;
  }

  public static JournalReader open(Path file) throws IOException {
    return new JournalReader(Files.newInputStream(file), file.toString());
  }

  /** Reads a stream; {@code source} names it in problems. */
  public static JournalReader of(InputStream in, String source) {
    return new JournalReader(in, source);
  }

  /** Every event and problem of a journal file. */
  public static Contents readAll(Path file) throws IOException {
    try (JournalReader reader = open(file)) {
      return reader.rest();
    }
  }

  /** Every event from here to the end, and every problem met since the start. */
  public Contents rest() throws IOException {
    List<JournalEvent> events = new ArrayList<>();
    for (Optional<JournalEvent> e = next(); e.isPresent(); e = next()) {
      events.add(e.get());
    }
    return new Contents(List.copyOf(events), problems());
  }

  /** The next event of a whole line; empty at the end. */
  public Optional<JournalEvent> next() throws IOException {
    while (true) {
      Raw raw = ahead != null ? ahead : readRaw();
      if (raw == null) {
        return Optional.empty();
      }
      ahead = readRaw();
      boolean last = ahead == null;
      lineNo++;
      String text = new String(raw.bytes(), StandardCharsets.UTF_8);
      if (text.isBlank()) {
        continue;
      }
      if (!raw.terminated()) {
        problem(raw, Damage.TORN_TAIL, "torn last line (no newline at the end): " + sample(text));
        continue;
      }
      JournalCodec.Decoded decoded = JournalCodec.decode(text);
      if (decoded instanceof JournalCodec.Malformed m) {
        problem(raw, last ? Damage.TORN_TAIL : Damage.MALFORMED,
            (last ? "torn last line: " : "damaged line skipped: ") + m.why());
      } else if (decoded instanceof JournalCodec.Unknown u) {
        problem(raw, Damage.UNKNOWN_EVENT, "unknown event '" + u.type() + "' skipped");
      } else if (decoded instanceof JournalCodec.Event e) {
        if (e.event() instanceof StartEvent start) {
          skipping = !readable(start);
          if (skipping) {
            problem(raw, Damage.UNSUPPORTED_VERSION, "a start of format " + start.format() + " version "
                + start.version() + " (this Medic reads " + JournalCodec.FORMAT + " up to version "
                + JournalCodec.VERSION + "): its lines are skipped up to the next start");
          }
        }
        if (!skipping) {
          eventLine = lineNo;
          return Optional.of(e.event());
        }
      }
    }
  }

  /** The line number of the event {@link #next} returned last. */
  public long line() {
    return eventLine;
  }

  /** The problems met so far, in line order. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** A start written before the format had a marker (no format, no version) reads as version 1. */
  private static boolean readable(StartEvent start) {
    return (start.format() == null || JournalCodec.FORMAT.equals(start.format()))
        && start.version() <= JournalCodec.VERSION;
  }

  private void problem(Raw raw, Damage damage, String detail) {
    problems.add(new Problem(source, lineNo, raw.offset(), damage, detail));
  }

  /** The first 80 characters, for a problem's message: a torn line may be long. */
  private static String sample(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  private Raw readRaw() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    long start = offset;
    int b;
    while ((b = in.read()) != -1) {
      offset++;
      if (b == '\n') {
        return new Raw(line.toByteArray(), start, true);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : new Raw(line.toByteArray(), start, false);
  }
}
