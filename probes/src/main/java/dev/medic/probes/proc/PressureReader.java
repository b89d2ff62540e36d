package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/pressure/memory}, {@code cpu} and {@code io} (PSI, 4.20+) into {@link PressureSample}s; see
 * https://docs.kernel.org/accounting/psi.html.
 *
 * <pre>
 * some avg10=0.22 avg60=0.17 avg300=1.11 total=58761459
 * full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * </pre>
 *
 * <p>The kernel's averages refresh every 2 s and avg10 trails a sudden stall by seconds, so the reader keeps the
 * previous cumulative {@code total} (µs stalled) per resource and line and reports the share of wall time
 * stalled since the previous read as {@code someNow}/{@code fullNow}. Stateful: use one instance per host and
 * call it from one sweep at a time.
 */
public final class PressureReader {

  static final List<String> RESOURCES = List.of("memory", "cpu", "io");

  private static final Logger LOG = LoggerFactory.getLogger(PressureReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final Map<String, Previous> previous = new HashMap<>();

  public PressureReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** One sample per resource the kernel reports; empty (warned once) on kernels without PSI. */
  public synchronized List<PressureSample> read(long timestamp) {
    Path dir = root.proc("pressure");
    if (!Files.isDirectory(dir)) {
      missing("psi", "{} does not exist (kernel before 4.20 or CONFIG_PSI=n): no pressure facts", dir);
      return List.of();
    }
    List<PressureSample> samples = new ArrayList<>(RESOURCES.size());
    for (String resource : RESOURCES) {
      String content;
      try {
        content = KernelFiles.read(dir.resolve(resource));
      } catch (IOException e) {
        // psi=0 on the kernel command line leaves the files in place but reading them fails (EOPNOTSUPP)
        missing(resource, "cannot read pressure for {}: {}", resource, e.toString());
        continue;
      }
      try {
        samples.add(toSample(resource, parse(content, metrics), timestamp));
      } catch (KernelFormatException e) {
        metrics.countSkippedRecord();
        warnOnce.warn("format-" + resource, "pressure/{} skipped: {}", resource, e.getMessage());
      }
    }
    return samples;
  }

  private void missing(String key, String format, Object... args) {
    if (warnOnce.warn("missing-" + key, format, args)) {
      metrics.countMissingSource();
    }
  }

  private PressureSample toSample(String resource, Psi psi, long timestamp) {
    Double someNow = now(resource + "/some", psi.some(), timestamp);
    Line full = psi.full();
    Double fullNow = full == null ? null : now(resource + "/full", full, timestamp);
    return new PressureSample(
        timestamp,
        resource,
        psi.some().avg10(),
        psi.some().avg60(),
        psi.some().avg300(),
        someNow,
        full == null ? null : full.avg10(),
        full == null ? null : full.avg60(),
        full == null ? null : full.avg300(),
        fullNow);
  }

  private Double now(String key, Line line, long timestamp) {
    Previous prev = previous.put(key, new Previous(line.total(), timestamp));
    return prev == null ? null : stallPercent(prev.total(), prev.timestamp(), line.total(), timestamp);
  }

  /**
   * Percentage of wall time stalled between two reads: 100 · Δtotal µs / (Δt ms · 1000), clamped to 0..100 (a
   * counter that went backwards reads 0). Null when no time passed.
   */
  static Double stallPercent(long prevTotalMicros, long prevMillis, long totalMicros, long millis) {
    long elapsedMillis = millis - prevMillis;
    if (elapsedMillis <= 0) {
      return null;
    }
    double percent = 100.0 * (totalMicros - prevTotalMicros) / (elapsedMillis * 1000.0);
    return Math.max(0.0, Math.min(100.0, percent));
  }

  /** The {@code some} line is required; {@code full} is absent for cpu before 5.13. Other lines are skipped. */
  static Psi parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    Line some = null;
    Line full = null;
    for (String text : content.split("\n")) {
      if (text.isBlank()) {
        continue;
      }
      String[] parts = text.trim().split("\\s+");
      Line line = parts.length == 5 ? Line.parse(parts) : null;
      if (line == null || !(parts[0].equals("some") || parts[0].equals("full"))) {
        metrics.countSkippedRecord();
      } else if (parts[0].equals("some")) {
        some = line;
      } else {
        full = line;
      }
    }
    if (some == null) {
      throw new KernelFormatException("no valid 'some' line in '" + KernelFiles.abbreviate(content) + "'");
    }
    return new Psi(some, full);
  }

  record Psi(Line some, Line full) {}

  /** One {@code some}/{@code full} line; total is cumulative stall time in µs. */
  record Line(double avg10, double avg60, double avg300, long total) {

    /**
     * {@code [kind, avg10=…, avg60=…, avg300=…, total=…]}, or null when any field is malformed. An average is a
     * share of wall time: outside 0..100 it is a garbled number, not a reading.
     */
    static Line parse(String[] parts) {
      try {
        Line line = new Line(
            Double.parseDouble(value(parts[1], "avg10=")),
            Double.parseDouble(value(parts[2], "avg60=")),
            Double.parseDouble(value(parts[3], "avg300=")),
            Long.parseLong(value(parts[4], "total=")));
        return percent(line.avg10) && percent(line.avg60) && percent(line.avg300) && line.total >= 0 ? line : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static boolean percent(double v) {
      return v >= 0 && v <= 100;
    }

    /** Plain decimals only: Java's parser also takes 1e20, 0.e7 or 2.5d, which a garbled field can turn into. */
    private static String value(String field, String prefix) {
      if (!field.startsWith(prefix) || !PLAIN.matcher(field).region(prefix.length(), field.length()).matches()) {
        throw new NumberFormatException(field);
      }
      return field.substring(prefix.length());
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?");
  }

  private record Previous(long total, long timestamp) {}
}
