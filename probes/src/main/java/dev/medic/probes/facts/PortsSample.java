package dev.medic.probes.facts;

/**
 * The ephemeral port range of one network namespace, read inside it: {@code /proc/sys/net/ipv4/ip_local_port_range}
 * and {@code tcp_tw_reuse}. A client runs out of ports to one destination (EADDRNOTAVAIL) when rangeSize
 * connections to it are open or in TIME_WAIT.
 *
 * @param netns the namespace: {@code host} or {@code net:[inode]}; the key
 * @param rangeLow the first local port connect() picks from; null when unreadable
 * @param rangeHigh the last one; null when unreadable
 * @param rangeSize rangeHigh - rangeLow + 1, count of ports
 * @param twReuse {@code tcp_tw_reuse}: 0 off, 1 on, 2 loopback only; null when unreadable
 */
@Key("netns")
public record PortsSample(long timestamp, String netns, Long rangeLow, Long rangeHigh, Long rangeSize, Integer twReuse)
    implements Fact {

  public static final String TYPE = "ports";

  @Override
  public String type() {
    return TYPE;
  }
}
