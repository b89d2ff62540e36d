package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;
import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * Socket counts and TCP memory of one network namespace, from {@code /proc/<pid>/net/sockstat} and
 * {@code sockstat6}, against the limits in {@code /proc/sys/net/ipv4}. {@code inuse} and {@code tw} are per
 * namespace; {@code alloc}, {@code mem} and {@code orphan} are host-wide in the kernel (the same in every namespace).
 *
 * @param netns the namespace: {@code host} or {@code net:[inode]}; the key
 * @param tcpInuse TCP sockets in use, IPv4 ({@code TCP: inuse}) plus IPv6 ({@code TCP6: inuse}), count
 * @param tcpTimeWait sockets in TIME_WAIT ({@code TCP: tw}), count
 * @param tcpOrphan sockets no process holds any more ({@code TCP: orphan}), count
 * @param tcpAlloc TCP sockets allocated, any state ({@code TCP: alloc}), count
 * @param tcpMem memory of TCP socket buffers, bytes ({@code TCP: mem}, pages × page size)
 * @param tcpMemPressure where TCP starts moderating buffers, bytes (tcp_mem's second value × page size); null
 *     when {@code tcp_mem} is unreadable
 * @param tcpMemMax where TCP refuses to allocate, bytes (tcp_mem's third value × page size); null when unreadable
 * @param tcpMemPercent tcpMem as a percentage of tcpMemMax; null without tcpMemMax
 * @param orphanPercent tcpOrphan as a percentage of {@code tcp_max_orphans} (global); null when unreadable
 * @param timeWaitPercent tcpTimeWait as a percentage of {@code tcp_max_tw_buckets}; read for the host namespace
 *     only (the limit is per namespace), else null
 * @param udpInuse UDP sockets in use, IPv4 plus IPv6, count
 * @param udpMem memory of UDP socket buffers, bytes ({@code UDP: mem} pages × page size)
 */
@Key("netns")
public record SocketsSample(
    long timestamp,
    String netns,
    Long tcpInuse,
    Long tcpTimeWait,
    Long tcpOrphan,
    Long tcpAlloc,
    @Kind(BYTES) Long tcpMem,
    @Kind(BYTES) Long tcpMemPressure,
    @Kind(BYTES) Long tcpMemMax,
    @Kind(PERCENT) Double tcpMemPercent,
    @Kind(PERCENT) Double orphanPercent,
    @Kind(PERCENT) Double timeWaitPercent,
    Long udpInuse,
    @Kind(BYTES) Long udpMem)
    implements Fact {

  public static final String TYPE = "sockets";

  @Override
  public String type() {
    return TYPE;
  }
}
