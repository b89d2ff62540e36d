package dev.medic.engine.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The system of record: an append-only JSONL file, one event per line, flushed as each line is written so a
 * crash loses at most the line being written. The file is 0600: it names processes and their command lines.
 */
public final class Journal implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final Path file;
  private final OutputStream out;
  private final java.util.List<Map<String, Object>> kept;
  private long lines;

  private Journal(Path file, OutputStream out, java.util.List<Map<String, Object>> kept) {
    this.file = file;
    this.out = out;
    this.kept = kept;
  }

  /** Opens (or creates) the journal for appending; the folder is created 0700 if missing. */
  public static Journal open(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.exists(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return new Journal(file, Files.newOutputStream(file, StandardOpenOption.APPEND), null);
  }

  /** A journal that keeps nothing. */
  public static Journal discard() {
    return new Journal(null, OutputStream.nullOutputStream(), null);
  }

  /** A journal kept in memory, for replays: their output is the events a live run would have journalled. */
  public static Journal inMemory() {
    return new Journal(null, OutputStream.nullOutputStream(), new java.util.ArrayList<>());
  }

  /** The events of an in-memory journal, in order; empty for a file journal. */
  public synchronized java.util.List<Map<String, Object>> events() {
    return kept == null ? java.util.List.of() : java.util.List.copyOf(kept);
  }

  /** Serialises one event as its journal line, without the newline. */
  public static String line(Map<String, ?> event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path file() {
    return file;
  }

  /** Writes one event; {@code event} is the event name, the map its fields in order. */
  public synchronized void write(String event, Map<String, ?> fields) {
    try {
      java.util.LinkedHashMap<String, Object> line = new java.util.LinkedHashMap<>();
      line.put("event", event);
      line.putAll(fields);
      if (kept != null) {
        kept.add(java.util.Collections.unmodifiableMap(line));
      }
      out.write(JSON.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      out.flush();
      lines++;
    } catch (IOException e) {
      // the journal must not kill the agent: report on stderr and carry on
      System.err.println("medic: cannot write the journal " + file + ": " + e.getMessage());
    }
  }

  public synchronized long lines() {
    return lines;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
