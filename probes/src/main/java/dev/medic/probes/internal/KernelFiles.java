package dev.medic.probes.internal;

import dev.medic.probes.ProbeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reading and tokenising the small text files under {@code /proc} and {@code /sys/fs/cgroup}, shared by every
 * reader so the {@code Key: value kB} and {@code key value} formats are parsed in one place.
 */
public final class KernelFiles {

  /** Kernel text is ASCII except comm and cmdline, which are user-chosen bytes best shown as UTF-8. */
  private static final Charset CHARSET = StandardCharsets.UTF_8;

  private KernelFiles() {}

  /** The whole file. procfs reports size 0, so this reads to EOF instead of trusting the size. */
  public static String read(Path file) throws IOException {
    return new String(readBytes(file), CHARSET);
  }

  /** The whole file's bytes, read to EOF: for text that is not necessarily UTF-8 (comm, cmdline) or parsed in place. */
  public static byte[] readBytes(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readAllBytes();
    }
  }

  /** At most {@code maxBytes} of the file, for files a process controls the size of (cmdline). */
  public static String read(Path file, int maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(maxBytes), CHARSET);
    }
  }

  /**
   * True when the error means the file's owner is gone: the path no longer exists, or the kernel answered
   * ESRCH because the task exited between opening its directory and reading the file.
   */
  public static boolean isGone(IOException e) {
    if (e instanceof NoSuchFileException) {
      return true;
    }
    return e instanceof FileSystemException fse && "No such process".equals(fse.getReason());
  }

  /**
   * {@code Key:   value} lines (meminfo, status, smaps_rollup) as a map of key to trimmed value. A non-blank line
   * without a colon is counted as a skipped record and ignored.
   */
  public static Map<String, String> colonFields(String content, ProbeMetrics metrics) {
    Map<String, String> fields = new HashMap<>();
    for (String line : content.split("\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        if (!line.isBlank()) {
          metrics.countSkippedRecord();
        }
        continue;
      }
      fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    return fields;
  }

  /**
   * {@code key N} lines (memory.oom_control, memory.events) as a map. A line that is not a word and an integer
   * is counted as a skipped record and ignored.
   */
  public static Map<String, Long> spaceFields(String content, ProbeMetrics metrics) {
    Map<String, Long> fields = new HashMap<>();
    for (String line : content.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      Long value = parts.length == 2 ? parseLongOrNull(parts[1]) : null;
      if (value == null) {
        metrics.countSkippedRecord();
        continue;
      }
      fields.put(parts[0], value);
    }
    return fields;
  }

  /** {@code "10348 kB"} as bytes; null when the value is not a count of kB (a truncated line, say). */
  public static Long kbToBytes(String value) {
    if (value == null || !value.endsWith("kB")) {
      return null;
    }
    Long kb = parseLongOrNull(value.substring(0, value.length() - 2).trim());
    if (kb == null || kb < 0 || kb > Long.MAX_VALUE / 1024) {
      return null;
    }
    return kb * 1024;
  }

  /** A file holding one integer ({@code memory.current}, {@code oom_score}). */
  public static long parseSingleLong(String content, String what) throws KernelFormatException {
    Long value = parseLongOrNull(content.trim());
    if (value == null) {
      throw new KernelFormatException(what + ": expected one integer, got '" + abbreviate(content) + "'");
    }
    return value;
  }

  public static Long parseLongOrNull(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code part} as a percentage of {@code whole}, clamped to 0..100 as the fact contract requires. */
  public static double percent(long part, long whole) {
    if (whole <= 0) {
      return part > 0 ? 100.0 : 0.0;
    }
    return Math.max(0.0, Math.min(100.0, 100.0 * part / whole));
  }

  /** Short, single-line excerpt of bad input for a log message. */
  public static String abbreviate(String content) {
    String flat = content.strip().replace('\n', ' ');
    return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…";
  }
}
