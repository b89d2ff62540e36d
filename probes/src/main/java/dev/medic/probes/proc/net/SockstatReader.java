package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.SocketsSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NetNamespace;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/<pid>/net/sockstat} and {@code sockstat6} ({@code PREFIX: key value key value…} lines, e.g.
 * {@code TCP: inuse 1 orphan 0 tw 1 alloc 1 mem 126}, mem in pages; {@code net/ipv4/proc.c sockstat_seq_show}) with
 * the limits {@code /proc/sys/net/ipv4/tcp_mem} (pages: min, pressure, max) and {@code tcp_max_orphans} (both
 * global), and {@code tcp_max_tw_buckets} (per namespace, so read for the host only), into a {@link SocketsSample}.
 * The limits are read from Medic's own {@code /proc/sys}: Medic runs in the host namespace.
 */
public final class SockstatReader {

  private static final Logger LOG = LoggerFactory.getLogger(SockstatReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final LongSupplier pageSize;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  /** @param pageSize the kernel's page size in bytes (sockstat and tcp_mem count pages) */
  public SockstatReader(HostRoot root, ProbeMetrics metrics, LongSupplier pageSize) {
    this.root = root;
    this.metrics = metrics;
    this.pageSize = pageSize;
  }

  /** The namespace's sample; empty when sockstat is missing or has no TCP line. */
  public Optional<SocketsSample> read(long timestamp, NetNamespace ns) {
    String v4 = SourceReads.readOrNull(root.procNet(ns.pid(), "sockstat"), metrics, warnOnce);
    if (v4 == null) {
      return Optional.empty();
    }
    String v6 = SourceReads.readOrNull(root.procNet(ns.pid(), "sockstat6"), metrics, warnOnce);
    Map<String, Map<String, Long>> lines = new HashMap<>(parse(v4, metrics));
    if (v6 != null) {
      lines.putAll(parse(v6, metrics));
    }
    String tcpMem = SourceReads.readOrNull(root.proc("sys/net/ipv4/tcp_mem"), metrics, warnOnce);
    Limits limits = new Limits(tcpMem == null ? null : parseTcpMem(tcpMem, metrics),
        SourceReads.longOrNull(root.proc("sys/net/ipv4/tcp_max_orphans"), metrics, warnOnce),
        ns.isHost() ? SourceReads.longOrNull(root.proc("sys/net/ipv4/tcp_max_tw_buckets"), metrics, warnOnce) : null);
    return sample(timestamp, ns.id(), lines, limits, pageSize.getAsLong());
  }

  /** Prefix → key → value of {@code PREFIX: key value…} lines; a line that is not that is a skipped record. */
  static Map<String, Map<String, Long>> parse(String content, ProbeMetrics metrics) {
    Map<String, Map<String, Long>> lines = new LinkedHashMap<>();
    for (String line : content.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String[] parts = colon <= 0 ? new String[0] : line.substring(colon + 1).trim().split("\\s+");
      if (colon <= 0 || parts.length % 2 != 0) {
        metrics.countSkippedRecord();
        continue;
      }
      Map<String, Long> values = new LinkedHashMap<>();
      for (int i = 0; i < parts.length; i += 2) {
        Long value = KernelFiles.parseLongOrNull(parts[i + 1]);
        if (value == null || value < 0) {
          metrics.countSkippedRecord();
        } else {
          values.put(parts[i], value);
        }
      }
      lines.put(line.substring(0, colon).trim(), values);
    }
    return lines;
  }

  /** {@code tcp_mem}'s three page counts (min, pressure, max); null when it is not three non-negative integers. */
  static long[] parseTcpMem(String content, ProbeMetrics metrics) {
    String[] parts = content.trim().split("\\s+");
    long[] pages = new long[3];
    for (int i = 0; i < 3; i++) {
      Long value = parts.length == 3 ? KernelFiles.parseLongOrNull(parts[i]) : null;
      if (value == null || value < 0) {
        metrics.countSkippedRecord();
        return null;
      }
      pages[i] = value;
    }
    return pages;
  }

  /** The limits the counts are held against; each null when unknown. */
  record Limits(long[] tcpMemPages, Long maxOrphans, Long maxTimeWait) {}

  static Optional<SocketsSample> sample(long timestamp, String netns, Map<String, Map<String, Long>> lines,
      Limits limits, long pageSize) {
    Map<String, Long> tcp = lines.get("TCP");
    if (tcp == null) {
      return Optional.empty();
    }
    Map<String, Long> udp = lines.getOrDefault("UDP", Map.of());
    Long tcpMem = bytes(tcp.get("mem"), pageSize);
    Long pressure = limits.tcpMemPages() == null ? null : bytes(limits.tcpMemPages()[1], pageSize);
    Long max = limits.tcpMemPages() == null ? null : bytes(limits.tcpMemPages()[2], pageSize);
    return Optional.of(new SocketsSample(timestamp, netns,
        sum(tcp.get("inuse"), lines.getOrDefault("TCP6", Map.of()).get("inuse")),
        tcp.get("tw"), tcp.get("orphan"), tcp.get("alloc"),
        tcpMem, pressure, max,
        Deltas.percent(tcpMem, max, 1),
        Deltas.percent(tcp.get("orphan"), limits.maxOrphans(), 1),
        Deltas.percent(tcp.get("tw"), limits.maxTimeWait(), 1),
        sum(udp.get("inuse"), lines.getOrDefault("UDP6", Map.of()).get("inuse")),
        bytes(udp.get("mem"), pageSize)));
  }

  private static Long bytes(Long pages, long pageSize) {
    return pages == null || pages > Long.MAX_VALUE / pageSize ? null : pages * pageSize;
  }

  private static Long sum(Long a, Long b) {
    return a == null ? null : b == null ? a : Long.valueOf(a + b);
  }
}
