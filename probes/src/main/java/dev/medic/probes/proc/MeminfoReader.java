package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/meminfo} ({@code Key:  value kB} lines) into a {@link MemorySample}; see
 * https://docs.kernel.org/filesystems/proc.html#meminfo.
 *
 * <p>MemTotal, SwapTotal and SwapFree are required; without them there is no sample that sweep. MemAvailable
 * appeared in 3.14: on older kernels the available and percentage fields are null rather than estimated,
 * because the old "free + cached" estimate over-counts unreclaimable tmpfs pages. The rest (MemFree, Cached,
 * SReclaimable, CommitLimit, the huge page counts) are optional: null when a kernel or an odd build lacks them.
 */
public final class MeminfoReader {

  private static final Logger LOG = LoggerFactory.getLogger(MeminfoReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  public MeminfoReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /**
   * One sample, or empty when the file lacks a required field (counted and warned once).
   *
   * @throws IOException when the file cannot be read at all
   */
  public Optional<MemorySample> read(long timestamp) throws IOException {
    String content = KernelFiles.read(root.proc("meminfo"));
    try {
      MemorySample sample = parse(content, timestamp, metrics);
      if (sample.available() == null) {
        warnOnce.warn("no-available", "meminfo has no MemAvailable (kernel before 3.14): available memory unknown");
      }
      return Optional.of(sample);
    } catch (KernelFormatException e) {
      metrics.countSkippedRecord();
      warnOnce.warn("format", "meminfo skipped: {}", e.getMessage());
      return Optional.empty();
    }
  }

  static MemorySample parse(String content, long timestamp, ProbeMetrics metrics) throws KernelFormatException {
    Map<String, String> fields = KernelFiles.colonFields(content, metrics);
    long total = required(fields, "MemTotal");
    if (total <= 0) {
      throw new KernelFormatException("MemTotal is " + total);
    }
    long swapTotal = required(fields, "SwapTotal");
    long swapFree = required(fields, "SwapFree");
    Long available = optional(fields, "MemAvailable", metrics);
    Double availablePercent = available == null ? null : KernelFiles.percent(available, total);
    Double usedPercent = availablePercent == null ? null : 100.0 - availablePercent;
    double swapUsedPercent = swapTotal == 0 ? 0.0 : KernelFiles.percent(swapTotal - swapFree, swapTotal);
    return new MemorySample(
        timestamp,
        total,
        available,
        availablePercent,
        usedPercent,
        swapTotal,
        swapFree,
        swapUsedPercent,
        optional(fields, "AnonPages", metrics),
        optional(fields, "Shmem", metrics),
        optional(fields, "Committed_AS", metrics),
        optional(fields, "MemFree", metrics),
        optional(fields, "Cached", metrics),
        optional(fields, "SReclaimable", metrics),
        optional(fields, "CommitLimit", metrics),
        count(fields, "HugePages_Total", metrics),
        count(fields, "HugePages_Free", metrics),
        optional(fields, "Hugepagesize", metrics));
  }

  private static long required(Map<String, String> fields, String key) throws KernelFormatException {
    Long bytes = KernelFiles.kbToBytes(fields.get(key));
    if (bytes == null) {
      throw new KernelFormatException("missing or malformed " + key + ": '" + fields.get(key) + "'");
    }
    return bytes;
  }

  /** HugePages_Total and HugePages_Free are counts of pages, printed without a unit. */
  private static Long count(Map<String, String> fields, String key, ProbeMetrics metrics) {
    String value = fields.get(key);
    Long count = value == null ? null : KernelFiles.parseLongOrNull(value);
    if (value != null && (count == null || count < 0)) {
      metrics.countSkippedRecord();
      return null;
    }
    return count;
  }

  /** Absent is normal on some kernels; present but unparseable is a bad line, counted, and read as absent. */
  private static Long optional(Map<String, String> fields, String key, ProbeMetrics metrics) {
    String value = fields.get(key);
    Long bytes = KernelFiles.kbToBytes(value);
    if (value != null && bytes == null) {
      metrics.countSkippedRecord();
    }
    return bytes;
  }
}
