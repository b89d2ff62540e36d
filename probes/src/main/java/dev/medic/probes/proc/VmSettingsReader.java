package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.VmSettings;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/sys/vm/swappiness}, {@code overcommit_memory}, {@code min_free_kbytes} and
 * {@code panic_on_oom} (one integer each) into {@link VmSettings}; see
 * https://docs.kernel.org/admin-guide/sysctl/vm.html.
 *
 * <p>Each file is independent: one that is missing or unreadable (counted as a missing source and warned once
 * per file) or that does not hold one non-negative integer (counted as a skipped record) leaves its field null.
 */
public final class VmSettingsReader {

  static final String SWAPPINESS = "swappiness";
  static final String OVERCOMMIT = "overcommit_memory";
  static final String MIN_FREE = "min_free_kbytes";
  static final String PANIC_ON_OOM = "panic_on_oom";
  static final List<String> FILES = List.of(SWAPPINESS, OVERCOMMIT, MIN_FREE, PANIC_ON_OOM);

  private static final Logger LOG = LoggerFactory.getLogger(VmSettingsReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  public VmSettingsReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** The settings, or empty when none of the four files gave a value. */
  public Optional<VmSettings> read(long timestamp) {
    Map<String, String> contents = new HashMap<>();
    for (String name : FILES) {
      Path file = root.proc("sys/vm/" + name);
      try {
        contents.put(name, KernelFiles.read(file));
      } catch (IOException e) {
        if (warnOnce.warn("missing-" + name, "cannot read {}: {}; vm.{} unknown", file, e.toString(), name)) {
          metrics.countMissingSource();
        }
      }
    }
    return parse(contents, timestamp, metrics);
  }

  /**
   * Builds the settings from file name → content ({@link #FILES}; an absent key is a file that could not be
   * read). A present value that is not one non-negative integer is counted as a skipped record and reads as null.
   */
  static Optional<VmSettings> parse(Map<String, String> contents, long timestamp, ProbeMetrics metrics) {
    Long swappiness = value(contents, SWAPPINESS, Integer.MAX_VALUE, metrics);
    Long overcommit = value(contents, OVERCOMMIT, Integer.MAX_VALUE, metrics);
    Long minFreeKb = value(contents, MIN_FREE, Long.MAX_VALUE / 1024, metrics);
    Long panicOnOom = value(contents, PANIC_ON_OOM, Integer.MAX_VALUE, metrics);
    if (swappiness == null && overcommit == null && minFreeKb == null && panicOnOom == null) {
      return Optional.empty();
    }
    return Optional.of(new VmSettings(
        timestamp,
        toInt(swappiness),
        toInt(overcommit),
        minFreeKb == null ? null : minFreeKb * 1024,
        toInt(panicOnOom)));
  }

  /** The file's integer in 0..max; null when absent or malformed (malformed is counted). */
  private static Long value(Map<String, String> contents, String name, long max, ProbeMetrics metrics) {
    String content = contents.get(name);
    if (content == null) {
      return null;
    }
    Long value = KernelFiles.parseLongOrNull(content.trim());
    if (value == null || value < 0 || value > max) {
      metrics.countSkippedRecord();
      return null;
    }
    return value;
  }

  private static Integer toInt(Long value) {
    return value == null ? null : Integer.valueOf(value.intValue());
  }
}
