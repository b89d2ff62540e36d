package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ConntrackSample;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the conntrack table of a namespace into a {@link ConntrackSample}: {@code /proc/<pid>/net/stat/nf_conntrack}
 * (a header row of names, then one row of hex counters per CPU, {@code net/netfilter/nf_conntrack_standalone.c
 * ct_cpu_seq_show}; the first column, {@code entries}, is the same global count on every row), summed over CPUs by
 * column name; {@code nf_conntrack_count} read in the namespace and {@code nf_conntrack_max} (global). Absent when
 * the kernel has no conntrack. Stateful (deltas): one instance per agent, one sweep at a time.
 */
public final class ConntrackReader {

  private static final Logger LOG = LoggerFactory.getLogger(ConntrackReader.class);
  private static final String[] COUNTERS = {"drop", "early_drop", "insert_failed", "invalid"};

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final NamespaceSysctl sysctl;
  private final Deltas deltas = new Deltas();

  public ConntrackReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
    this.sysctl = new NamespaceSysctl(root, metrics, warnOnce);
  }

  /** @param thread the namespace's thread, for its count; null leaves count null outside Medic's own namespace */
  public synchronized Optional<ConntrackSample> read(long timestamp, NetNamespace ns, NamespaceThread thread) {
    String stat = SourceReads.readOrNull(root.procNet(ns.pid(), "stat/nf_conntrack"), metrics, warnOnce);
    if (stat == null) {
      return Optional.empty();
    }
    Map<String, Long> sums = parse(stat, metrics);
    Long count = sysctl.readLong(ns, thread, "net/netfilter/nf_conntrack_count");
    Long max = SourceReads.longOrNull(root.proc("sys/net/netfilter/nf_conntrack_max"), metrics, warnOnce);
    Long[] now = new Long[COUNTERS.length];
    for (int i = 0; i < COUNTERS.length; i++) {
      now[i] = sums.get(COUNTERS[i]);
    }
    Long[] d = deltas.next(ns.id(), now);
    return Optional.of(new ConntrackSample(timestamp, ns.id(), count, max, Deltas.percent(count, max, 1),
        d[0], d[1], d[2], d[3]));
  }

  /** Forgets namespaces not read in the last sweep. */
  public synchronized void retain(Set<String> netnsIds) {
    deltas.retain(netnsIds);
  }

  /**
   * Column name → sum over the CPU rows. A row with another number of fields, or a field that is not hex, is a
   * skipped record (the whole row is left out, so no sum mixes CPUs that parsed with ones that did not).
   */
  static Map<String, Long> parse(String content, ProbeMetrics metrics) {
    String[] lines = content.split("\n");
    Map<String, Long> sums = new LinkedHashMap<>();
    if (lines.length == 0 || lines[0].isBlank()) {
      return sums;
    }
    String[] names = lines[0].trim().split("\\s+");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      long[] row = hexRow(lines[i], names.length);
      if (row == null) {
        metrics.countSkippedRecord();
        continue;
      }
      for (int k = 0; k < names.length; k++) {
        sums.merge(names[k], row[k], Long::sum);
      }
    }
    return sums;
  }

  private static long[] hexRow(String line, int fields) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length != fields) {
      return null;
    }
    long[] values = new long[fields];
    for (int k = 0; k < fields; k++) {
      Long value = Hex.parse(parts[k], 8, false); // ct_cpu_seq_show prints %08x
      if (value == null) {
        return null;
      }
      values[k] = value;
    }
    return values;
  }
}
