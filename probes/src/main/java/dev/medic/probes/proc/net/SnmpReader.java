package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import java.util.Map;

/**
 * Reads {@code /proc/<pid>/net/snmp}, the RFC 1213 MIB counters ({@code Ip}, {@code Icmp}, {@code IcmpMsg},
 * {@code Tcp}, {@code Udp}, {@code UdpLite}) of the namespace {@code <pid>} is in, as {@link HeaderPairs}. Names are
 * the kernel's {@code snmp4_*_list[]} in {@code net/ipv4/proc.c}; see
 * https://docs.kernel.org/networking/snmp_counter.html.
 */
public final class SnmpReader extends HeaderPairsReader {

  public SnmpReader(HostRoot root, ProbeMetrics metrics) {
    super(root, metrics, "snmp");
  }

  static Map<String, Map<String, Long>> parse(String content, ProbeMetrics metrics) {
    return HeaderPairs.parse(content, metrics);
  }
}
