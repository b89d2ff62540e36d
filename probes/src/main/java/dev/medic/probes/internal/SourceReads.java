package dev.medic.probes.internal;

import dev.medic.probes.ProbeMetrics;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The read every optional kernel source starts with: the whole file through {@link KernelFiles#read}, or null with
 * the problem counted and warned once: a missing file is a missing source (this kernel or namespace has none), any
 * other I/O error a failed read.
 */
public final class SourceReads {

  private SourceReads() {}

  /** The file's content, or null when it is missing or unreadable (counted in metrics, warned once per path). */
  public static String readOrNull(Path file, ProbeMetrics metrics, WarnOnce warnOnce) {
    try {
      return KernelFiles.read(file);
    } catch (NoSuchFileException e) {
      if (warnOnce.warn("missing " + file, "{} does not exist: its facts are left out", file)) {
        metrics.countMissingSource();
      }
    } catch (IOException e) {
      metrics.countFailedRead();
      warnOnce.warn("read " + file, "cannot read {}: {}", file, e.toString());
    }
    return null;
  }

  /** The single integer a file holds (a sysctl), or null when it is unreadable or not one (counted). */
  public static Long longOrNull(Path file, ProbeMetrics metrics, WarnOnce warnOnce) {
    String content = readOrNull(file, metrics, warnOnce);
    Long value = integer(content, metrics);
    if (content != null && value == null) {
      warnOnce.warn("format " + file, "{} does not hold one integer: '{}'", file, KernelFiles.abbreviate(content));
    }
    return value;
  }

  /** The one integer of a file's content; null for null content, and for content that is not one (counted). */
  public static Long integer(String content, ProbeMetrics metrics) {
    if (content == null) {
      return null;
    }
    Long value = KernelFiles.parseLongOrNull(content.trim());
    if (value == null) {
      metrics.countSkippedRecord();
    }
    return value;
  }
}
