package dev.medic.probes.sys;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.EdacSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /sys/devices/system/edac/mc/mc<N>/ce_count} and {@code ue_count} (memory errors corrected and
 * not corrected since boot, per memory controller) into {@link EdacSample}s; see
 * https://docs.kernel.org/admin-guide/ras.html.
 *
 * <p>Most hosts and every VM have no EDAC driver loaded: then there are no facts, the source is counted as
 * missing once and logged at debug level only. Stateful: the {@code new*} deltas are null the first time a
 * controller is seen and after its counter went backwards (reset through {@code reset_counters}, driver reload).
 * Use one instance per host and call it from one sweep at a time.
 */
public final class EdacReader {

  private static final Pattern CONTROLLER = Pattern.compile("mc\\d{1,9}");
  private static final Logger LOG = LoggerFactory.getLogger(EdacReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final Map<String, Counts> previous = new HashMap<>();
  private boolean reportedMissing;

  public EdacReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** One sample per memory controller, by controller number; empty without EDAC. */
  public synchronized List<EdacSample> read(long timestamp) {
    Path dir = root.sys("devices/system/edac/mc");
    if (!Files.isDirectory(dir)) {
      if (!reportedMissing) {
        reportedMissing = true;
        metrics.countMissingSource();
        LOG.debug("{} does not exist (no EDAC driver loaded): no memory error facts", dir);
      }
      return List.of();
    }
    List<String> controllers;
    try {
      controllers = controllers(dir);
    } catch (IOException e) {
      metrics.countFailedRead();
      warnOnce.warn("list", "cannot list {}: {}", dir, e.toString());
      return List.of();
    }
    previous.keySet().retainAll(controllers); // one that comes back later is seen for the first time again
    List<EdacSample> samples = new ArrayList<>(controllers.size());
    for (String mc : controllers) {
      Counts now;
      try {
        now = new Counts(
            parseCount(KernelFiles.read(dir.resolve(mc).resolve("ce_count")), mc + "/ce_count"),
            parseCount(KernelFiles.read(dir.resolve(mc).resolve("ue_count")), mc + "/ue_count"));
      } catch (KernelFormatException e) {
        metrics.countSkippedRecord();
        warnOnce.warn("format-" + mc, "EDAC {} skipped: {}", mc, e.getMessage());
        continue;
      } catch (IOException e) {
        // a controller removed mid-read (driver unload) is not worth a warning; a file missing from one that is
        // still there is
        if (!KernelFiles.isGone(e) || Files.isDirectory(dir.resolve(mc))) {
          metrics.countSkippedRecord();
          warnOnce.warn("read-" + mc, "EDAC {} skipped: {}", mc, e.toString());
        }
        continue;
      }
      Counts prev = previous.put(mc, now);
      samples.add(new EdacSample(
          timestamp,
          mc,
          now.correctable(),
          now.uncorrectable(),
          prev == null ? null : delta(prev.correctable(), now.correctable()),
          prev == null ? null : delta(prev.uncorrectable(), now.uncorrectable())));
    }
    return samples;
  }

  /** A count file: one non-negative integer. */
  static long parseCount(String content, String what) throws KernelFormatException {
    long count = KernelFiles.parseSingleLong(content, what);
    if (count < 0) {
      throw new KernelFormatException(what + ": negative count " + count);
    }
    return count;
  }

  /** Increase since the previous read; null when the counter went backwards. */
  static Long delta(long previous, long current) {
    return current < previous ? null : current - previous;
  }

  /** The {@code mc<N>} entries of {@code dir} ordered by N (mc2 before mc10). */
  private static List<String> controllers(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (CONTROLLER.matcher(name).matches() && Files.isDirectory(entry)) {
          names.add(name);
        }
      }
    }
    names.sort(Comparator.comparingInt(name -> Integer.parseInt(name.substring(2))));
    return names;
  }

  private record Counts(long correctable, long uncorrectable) {}
}
