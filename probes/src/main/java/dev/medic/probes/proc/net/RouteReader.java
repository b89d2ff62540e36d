package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.RouteSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NetNamespace;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the default route of a namespace from {@code /proc/<pid>/net/route} (IPv4 main table, a header of column
 * names, addresses as host-order hex; {@code net/ipv4/fib_trie.c fib_route_seq_show}) and
 * {@code /proc/<pid>/net/ipv6_route} (no header: the kernel's fixed columns dest, dest_len, src, src_len,
 * next_hop, metric, refcnt, use, flags, device; {@code net/ipv6/route.c rt6_info_seq_show}) into a
 * {@link RouteSample}. A default route is destination 0/0 with RTF_UP and not RTF_REJECT; the lowest metric wins.
 */
public final class RouteReader {

  static final int RTF_UP = 0x1;
  static final int RTF_GATEWAY = 0x2;
  static final int RTF_REJECT = 0x200;

  private static final Logger LOG = LoggerFactory.getLogger(RouteReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  public RouteReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** The namespace's default route; empty when {@code route} is missing. */
  public Optional<RouteSample> read(long timestamp, NetNamespace ns) {
    String v4 = SourceReads.readOrNull(root.procNet(ns.pid(), "route"), metrics, warnOnce);
    if (v4 == null) {
      return Optional.empty();
    }
    String v6 = SourceReads.readOrNull(root.procNet(ns.pid(), "ipv6_route"), metrics, warnOnce);
    Default d4 = parse(v4, metrics);
    Default d6 = v6 == null ? null : parseIpv6(v6, metrics);
    Default chosen = d4 != null ? d4 : d6;
    return Optional.of(new RouteSample(timestamp, ns.id(), chosen != null, chosen == null ? null : chosen.via(),
        chosen == null ? null : chosen.dev(), v6 == null ? null : d6 != null));
  }

  /** A default route: its gateway (null for a device route) and device. */
  record Default(String via, String dev, long metric) {}

  /** The IPv4 default route of a {@code route} table by column name; null when there is none. */
  static Default parse(String content, ProbeMetrics metrics) {
    String[] lines = content.split("\n");
    if (lines.length == 0) {
      return null;
    }
    Map<String, Integer> at = new HashMap<>();
    String[] header = lines[0].trim().split("\\s+");
    for (int i = 0; i < header.length; i++) {
      at.put(header[i], i);
    }
    Integer iface = at.get("Iface");
    Integer dest = at.get("Destination");
    Integer gateway = at.get("Gateway");
    Integer flags = at.get("Flags");
    Integer mask = at.get("Mask");
    Integer metric = at.get("Metric");
    if (iface == null || dest == null || gateway == null || flags == null || mask == null || metric == null) {
      metrics.countSkippedRecord();
      return null;
    }
    Default best = null;
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].trim().split("\\s+");
      if (f.length != header.length) {
        metrics.countSkippedRecord();
        continue;
      }
      Long fl = hex(f[flags]);
      Long destination = hex(f[dest]);
      Long netmask = hex(f[mask]);
      Long m = KernelFiles.parseLongOrNull(f[metric]);
      byte[] gw = Addresses.procWords(f[gateway]);
      if (fl == null || m == null || gw == null || destination == null || netmask == null) {
        metrics.countSkippedRecord();
        continue;
      }
      boolean isDefault = destination == 0 && netmask == 0 && (fl & RTF_UP) != 0 && (fl & RTF_REJECT) == 0;
      if (isDefault && (best == null || m < best.metric())) {
        best = new Default((fl & RTF_GATEWAY) != 0 ? Addresses.format(gw) : null, f[iface], m);
      }
    }
    return best;
  }

  /** The IPv6 default route of an {@code ipv6_route} table (fixed columns, no header); null when there is none. */
  static Default parseIpv6(String content, ProbeMetrics metrics) {
    Default best = null;
    for (String line : content.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      byte[] dest = f.length == 10 ? Addresses.hexBytes(f[0]) : null;
      byte[] hop = f.length == 10 ? Addresses.hexBytes(f[4]) : null;
      Long len = f.length == 10 ? Hex.parse(f[1], 2, false) : null;
      Long m = f.length == 10 ? Hex.parse(f[5], 8, false) : null;
      Long fl = f.length == 10 ? Hex.parse(f[8], 8, false) : null;
      if (dest == null || dest.length != 16 || hop == null || hop.length != 16 || len == null || m == null
          || fl == null) {
        metrics.countSkippedRecord();
        continue;
      }
      boolean isDefault = len == 0 && allZero(dest) && (fl & RTF_UP) != 0 && (fl & RTF_REJECT) == 0;
      if (isDefault && (best == null || m < best.metric())) {
        best = new Default(allZero(hop) ? null : Addresses.format(hop), f[9], m);
      }
    }
    return best;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** fib_route_seq_show prints destination, gateway and mask as %08X and flags as %04X. */
  private static Long hex(String text) {
    return Hex.parse(text, 8, true);
  }
}
