package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.FilesSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/sys/fs/file-nr} (three integers: allocated handles, free (always 0 since 2.6), max) into a
 * {@link FilesSample}; see https://docs.kernel.org/admin-guide/sysctl/fs.html. Global, not per namespace.
 */
public final class FileNrReader {

  private static final Logger LOG = LoggerFactory.getLogger(FileNrReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  public FileNrReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** The sample; empty when the file is missing, unreadable or not three integers (counted, warned once). */
  public Optional<FilesSample> read(long timestamp) {
    String content = SourceReads.readOrNull(root.proc("sys/fs/file-nr"), metrics, warnOnce);
    if (content == null) {
      return Optional.empty();
    }
    Optional<FilesSample> sample = parse(content, timestamp);
    if (sample.isEmpty()) {
      metrics.countSkippedRecord();
      warnOnce.warn("format", "file-nr is not three integers: '{}'", KernelFiles.abbreviate(content));
    }
    return sample;
  }

  /** Empty when the content is not three non-negative integers with a positive max. */
  static Optional<FilesSample> parse(String content, long timestamp) {
    String[] parts = content.trim().split("\\s+");
    if (parts.length != 3) {
      return Optional.empty();
    }
    Long allocated = KernelFiles.parseLongOrNull(parts[0]);
    Long free = KernelFiles.parseLongOrNull(parts[1]);
    Long max = KernelFiles.parseLongOrNull(parts[2]);
    if (allocated == null || free == null || max == null || allocated < 0 || free < 0 || max <= 0) {
      return Optional.empty();
    }
    return Optional.of(new FilesSample(timestamp, allocated, max, KernelFiles.percent(allocated, max)));
  }
}
