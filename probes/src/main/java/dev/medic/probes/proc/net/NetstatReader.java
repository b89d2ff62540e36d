package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import java.util.Map;

/**
 * Reads {@code /proc/<pid>/net/netstat}, the Linux-specific counters ({@code TcpExt}: ListenOverflows,
 * TCPSynRetrans, TCPTimeouts…; {@code IpExt}; {@code MPTcpExt}) of the namespace {@code <pid>} is in, as
 * {@link HeaderPairs}. Names are the kernel's {@code snmp4_net_list[]} in {@code net/ipv4/proc.c}; see
 * https://docs.kernel.org/networking/snmp_counter.html.
 */
public final class NetstatReader extends HeaderPairsReader {

  public NetstatReader(HostRoot root, ProbeMetrics metrics) {
    super(root, metrics, "netstat");
  }

  static Map<String, Map<String, Long>> parse(String content, ProbeMetrics metrics) {
    return HeaderPairs.parse(content, metrics);
  }
}
