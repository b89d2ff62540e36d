package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.VmstatSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/vmstat} ({@code key value} lines of counters since boot) into a {@link VmstatSample} of
 * rates per second between two reads. The names are the kernel's {@code vmstat_text[]} in {@code mm/vmstat.c}.
 *
 * <p>Kernels before 4.8 count reclaim scans per zone ({@code pgscan_kswapd_normal}, {@code pgscan_direct_dma32}…)
 * instead of per node ({@code pgscan_kswapd}, {@code pgscan_direct}): the reader sums the zones so both read the
 * same. {@code pgscan_direct_throttle} counts throttling events, not pages, and is never added. Proactive reclaim
 * ({@code pgscan_proactive}, asked for through {@code memory.reclaim}) is not pressure and is left out too.
 *
 * <p>Stateful: the first read, a read with no time elapsed, and a counter that went backwards give null for the
 * affected rates. Use one instance per host and call it from one sweep at a time.
 */
public final class VmstatReader {

  /** Zone suffixes of the per-zone counters of kernels before 4.8 ({@code FOR_ALL_ZONES} in vm_event_item.h). */
  static final List<String> ZONES = List.of("dma", "dma32", "normal", "high", "movable");

  private static final Logger LOG = LoggerFactory.getLogger(VmstatReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private Counters previous;
  private long previousTimestamp;

  public VmstatReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** One sample, or empty when the file is missing, unreadable or has none of the counters (warned once). */
  public synchronized Optional<VmstatSample> read(long timestamp) {
    String content;
    try {
      content = KernelFiles.read(root.proc("vmstat"));
    } catch (NoSuchFileException e) {
      if (warnOnce.warn("missing", "{} does not exist: no vmstat facts", root.proc("vmstat"))) {
        metrics.countMissingSource();
      }
      return Optional.empty();
    } catch (IOException e) {
      metrics.countFailedRead();
      warnOnce.warn("read", "cannot read {}: {}", root.proc("vmstat"), e.toString());
      return Optional.empty();
    }
    Counters now = Counters.of(parse(content, metrics));
    if (now.isEmpty()) {
      metrics.countSkippedRecord();
      warnOnce.warn("format", "vmstat has none of pgscan, pswpin/out, pgmajfault, oom_kill: '{}'",
          KernelFiles.abbreviate(content));
      return Optional.empty();
    }
    Counters prev = previous;
    long elapsed = timestamp - previousTimestamp;
    previous = now;
    previousTimestamp = timestamp;
    if (prev == null) {
      return Optional.of(new VmstatSample(timestamp, null, null, null, null, null, null));
    }
    return Optional.of(new VmstatSample(
        timestamp,
        rate(prev.pgscan(), now.pgscan(), elapsed),
        rate(prev.pgscanDirect(), now.pgscanDirect(), elapsed),
        rate(prev.swapIn(), now.swapIn(), elapsed),
        rate(prev.swapOut(), now.swapOut(), elapsed),
        rate(prev.majorFaults(), now.majorFaults(), elapsed),
        delta(prev.oomKills(), now.oomKills())));
  }

  /** Every {@code key N} line as a map; other lines are counted as skipped records and left out. */
  static Map<String, Long> parse(String content, ProbeMetrics metrics) {
    return KernelFiles.spaceFields(content, metrics);
  }

  /** Increase per second over {@code elapsedMillis}; null when a side is unknown, no time passed or it went back. */
  static Double rate(Long previous, Long current, long elapsedMillis) {
    Long delta = delta(previous, current);
    return delta == null || elapsedMillis <= 0 ? null : delta * 1000.0 / elapsedMillis;
  }

  /** Increase of a counter; null when a side is unknown or the counter went backwards (reset). */
  static Long delta(Long previous, Long current) {
    return previous == null || current == null || current < previous ? null : current - previous;
  }

  /** The counters the sample is made of, each null when this kernel does not have it. */
  record Counters(Long pgscan, Long pgscanDirect, Long swapIn, Long swapOut, Long majorFaults, Long oomKills) {

    static Counters of(Map<String, Long> vmstat) {
      Long kswapd = perNodeOrZones(vmstat, "pgscan_kswapd");
      Long direct = perNodeOrZones(vmstat, "pgscan_direct");
      return new Counters(
          sum(sum(kswapd, direct), vmstat.get("pgscan_khugepaged")),
          direct,
          vmstat.get("pswpin"),
          vmstat.get("pswpout"),
          vmstat.get("pgmajfault"),
          vmstat.get("oom_kill"));
    }

    boolean isEmpty() {
      return pgscan == null && swapIn == null && swapOut == null && majorFaults == null && oomKills == null;
    }

    /** {@code name} (4.8+), else the sum of {@code name_<zone>} over the zones present, else null. */
    private static Long perNodeOrZones(Map<String, Long> vmstat, String name) {
      Long node = vmstat.get(name);
      if (node != null) {
        return node;
      }
      Long total = null;
      for (String zone : ZONES) {
        total = sum(total, vmstat.get(name + "_" + zone));
      }
      return total;
    }

    private static Long sum(Long a, Long b) {
      return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
  }
}
