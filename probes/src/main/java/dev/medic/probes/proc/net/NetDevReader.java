package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.NicSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NetNamespace;
import dev.medic.probes.sys.net.SysClassNetReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/<pid>/net/dev} (two header lines naming the receive and transmit columns between {@code |}s,
 * then {@code iface: counters…}; {@code net/core/net-procfs.c dev_seq_printf_stats}) into one {@link NicSample} per
 * interface with increases since the previous sweep, and adds link state from {@link SysClassNetReader} for the
 * root namespace. Columns are found by name, prefixed {@code rx_} or {@code tx_} by the section they are in.
 * Stateful (deltas): one instance per agent, one sweep at a time.
 */
public final class NetDevReader {

  private static final Logger LOG = LoggerFactory.getLogger(NetDevReader.class);
  private static final String[] COUNTERS = {"rx_packets", "rx_drop", "rx_errs", "tx_packets", "tx_drop", "tx_errs"};

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final SysClassNetReader sysfs;
  private final Deltas deltas = new Deltas();

  public NetDevReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
    this.sysfs = new SysClassNetReader(root, metrics);
  }

  /** One sample per interface of the namespace, in file order; none when the file is missing. */
  public synchronized List<NicSample> read(long timestamp, NetNamespace ns) {
    String content = SourceReads.readOrNull(root.procNet(ns.pid(), "dev"), metrics, warnOnce);
    if (content == null) {
      return List.of();
    }
    List<NicSample> samples = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, Map<String, Long>> e : parse(content, metrics).entrySet()) {
      String key = ns.id() + " " + e.getKey();
      seen.add(key);
      SysClassNetReader.Link link = ns.isHost() ? sysfs.read(e.getKey()) : null;
      Long[] now = new Long[COUNTERS.length + 1];
      for (int i = 0; i < COUNTERS.length; i++) {
        now[i] = e.getValue().get(COUNTERS[i]);
      }
      now[COUNTERS.length] = link == null ? null : link.carrierChanges();
      Long[] d = deltas.next(key, now);
      samples.add(new NicSample(timestamp, key, ns.id(), e.getKey(),
          link == null ? null : link.operUp(), link == null ? null : link.carrier(),
          link == null ? null : link.mtu(), link == null ? null : link.speedMbps(),
          d[0], d[1], d[2], d[3], d[4], d[5], dropPercent(d[0], d[1]), d[6]));
    }
    deltas.retain(seenWithOtherNamespaces(seen, ns));
    return samples;
  }

  /** Keeps the deltas of other namespaces' interfaces; forgets this namespace's interfaces that are gone. */
  private Set<String> seenWithOtherNamespaces(Set<String> seen, NetNamespace ns) {
    Set<String> keep = new HashSet<>(seen);
    deltas.keys().stream().filter(k -> !k.startsWith(ns.id() + " ")).forEach(keep::add);
    return keep;
  }

  private static Double dropPercent(Long packets, Long drops) {
    if (packets == null || drops == null || packets + drops == 0) {
      return null;
    }
    return Deltas.percent(drops, packets + drops, 1);
  }

  /**
   * Interface → {@code rx_…}/{@code tx_…} column → value. A row whose field count does not match the header, or
   * with a field that is not a non-negative integer, is a skipped record. A header without the {@code |} sections
   * gives no interfaces (counted once).
   */
  static Map<String, Map<String, Long>> parse(String content, ProbeMetrics metrics) {
    String[] lines = content.split("\n");
    Map<String, Map<String, Long>> ifaces = new LinkedHashMap<>();
    List<String> names = lines.length < 2 ? null : columns(lines[1]);
    if (names == null) {
      metrics.countSkippedRecord();
      return ifaces;
    }
    for (int i = 2; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (lines[i].isBlank()) {
        continue;
      }
      String iface = colon <= 0 ? "" : lines[i].substring(0, colon).trim();
      String[] values = colon <= 0 ? new String[0] : lines[i].substring(colon + 1).trim().split("\\s+");
      if (iface.isEmpty() || values.length != names.size()) {
        metrics.countSkippedRecord();
        continue;
      }
      Map<String, Long> row = new LinkedHashMap<>();
      for (int k = 0; k < values.length && row != null; k++) {
        Long v = KernelFiles.parseLongOrNull(values[k]);
        if (v == null || v < 0) {
          row = null;
        } else {
          row.put(names.get(k), v);
        }
      }
      if (row == null) {
        metrics.countSkippedRecord();
      } else {
        ifaces.put(iface, row);
      }
    }
    return ifaces;
  }

  /** {@code " face |bytes packets …|bytes …"} → {@code rx_bytes, rx_packets, …, tx_bytes, …}, or null. */
  private static List<String> columns(String header) {
    String[] sections = header.split("\\|");
    if (sections.length != 3) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String name : sections[1].trim().split("\\s+")) {
      names.add("rx_" + name);
    }
    for (String name : sections[2].trim().split("\\s+")) {
      names.add("tx_" + name);
    }
    return names;
  }
}
