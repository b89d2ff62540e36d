package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.PortsSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a namespace's {@code /proc/sys/net/ipv4/ip_local_port_range} (two integers, low and high) and
 * {@code tcp_tw_reuse} on its {@link NamespaceThread} into a {@link PortsSample}; see
 * https://docs.kernel.org/networking/ip-sysctl.html.
 */
public final class LocalPortsReader {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPortsReader.class);

  private final ProbeMetrics metrics;
  private final NamespaceSysctl sysctl;

  public LocalPortsReader(HostRoot root, ProbeMetrics metrics) {
    this.metrics = metrics;
    this.sysctl = new NamespaceSysctl(root, metrics, new WarnOnce(LOG));
  }

  /** @param thread the namespace's thread; null reads only Medic's own namespace (else empty) */
  public Optional<PortsSample> read(long timestamp, NetNamespace ns, NamespaceThread thread) {
    String range = sysctl.read(ns, thread, "net/ipv4/ip_local_port_range");
    Long reuse = sysctl.readLong(ns, thread, "net/ipv4/tcp_tw_reuse");
    if (range == null && reuse == null) {
      return Optional.empty();
    }
    long[] lowHigh = range == null ? null : parseRange(range);
    if (range != null && lowHigh == null) {
      metrics.countSkippedRecord();
    }
    Integer twReuse = reuse == null || reuse < 0 || reuse > Integer.MAX_VALUE ? null : reuse.intValue();
    return Optional.of(lowHigh == null
        ? new PortsSample(timestamp, ns.id(), null, null, null, twReuse)
        : new PortsSample(timestamp, ns.id(), lowHigh[0], lowHigh[1], lowHigh[1] - lowHigh[0] + 1, twReuse));
  }

  /** {@code "32768\t60999"} → {32768, 60999}; null unless two ports with low ≤ high. */
  static long[] parseRange(String content) {
    String[] parts = content.trim().split("\\s+");
    if (parts.length != 2) {
      return null;
    }
    Long low = KernelFiles.parseLongOrNull(parts[0]);
    Long high = KernelFiles.parseLongOrNull(parts[1]);
    if (low == null || high == null || low < 1 || high > 65535 || low > high) {
      return null;
    }
    return new long[] {low, high};
  }
}
