package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * TCP, UDP, ICMP and IP counters of one network namespace, from {@code /proc/<pid>/net/netstat} ({@code TcpExt:}
 * pairs) and {@code /proc/<pid>/net/snmp} ({@code Tcp:}, {@code Udp:}, {@code Icmp:}, {@code Ip:} pairs), as
 * increases since the previous sweep of the same namespace. Every {@code new…} field is null on the first sweep of a
 * namespace, after a counter went backwards (a namespace re-created under the same inode: every delta of that sweep
 * is null), and when this kernel does not print the counter. Counts of events (segments, connections, drops).
 *
 * @param netns the namespace: {@code host} or {@code net:[inode]}; the key
 * @param currEstab Tcp CurrEstab: connections in ESTABLISHED or CLOSE_WAIT now (a gauge, not a delta)
 * @param newListenOverflows TcpExt ListenOverflows: SYNs or final ACKs dropped because an accept queue was full
 * @param newListenDrops TcpExt ListenDrops: every drop of a connection request at a listener (overflows included)
 * @param newSynRetrans TcpExt TCPSynRetrans: SYN and SYN-ACK retransmits (handshakes lost on the path)
 * @param newTimeouts TcpExt TCPTimeouts: retransmission timer expiries
 * @param newRetransSegs Tcp RetransSegs: segments retransmitted
 * @param newOutSegs Tcp OutSegs: segments sent (retransmits excluded)
 * @param retransPercent 100 × newRetransSegs / newOutSegs; null when fewer than 100 segments were sent
 * @param newInErrs Tcp InErrs: segments received in error (bad checksum, malformed)
 * @param newOutRsts Tcp OutRsts: resets sent (a connection refused by the kernel because nothing listens)
 * @param newAttemptFails Tcp AttemptFails: connects that failed (refused, timed out) from SYN-SENT or SYN-RECV
 * @param newEstabResets Tcp EstabResets: established connections reset
 * @param newSyncookiesSent TcpExt SyncookiesSent: the SYN queue overflowed and cookies were sent
 * @param newReqQFullDrop TcpExt TCPReqQFullDrop: SYNs dropped because the SYN queue was full and cookies are off
 * @param newAbortOnTimeout TcpExt TCPAbortOnTimeout: connections killed after too many retransmits
 * @param newAbortOnMemory TcpExt TCPAbortOnMemory: connections killed for lack of socket memory
 * @param newMemoryPressures TcpExt TCPMemoryPressures: times TCP entered memory pressure (tcp_mem)
 * @param newBacklogDrop TcpExt TCPBacklogDrop: packets dropped because a socket's backlog was full
 * @param newRcvQDrop TcpExt TCPRcvQDrop: packets dropped because a receive queue was out of memory
 * @param newTimeWaitOverflow TcpExt TCPTimeWaitOverflow: TIME_WAIT sockets not created (tcp_max_tw_buckets)
 * @param newActiveOpens Tcp ActiveOpens: outgoing connects started
 * @param newPassiveOpens Tcp PassiveOpens: incoming connections accepted by the kernel
 * @param newUdpRcvbufErrors Udp RcvbufErrors: datagrams dropped because a receive buffer was full
 * @param newUdpNoPorts Udp NoPorts: datagrams to a port nothing listens on
 * @param newIcmpOutDestUnreachs Icmp OutDestUnreachs: destination-unreachable sent (ICMP REJECT, closed UDP port)
 * @param newIcmpInDestUnreachs Icmp InDestUnreachs: destination-unreachable received
 * @param newIpFragFails Ip FragFails: packets that needed fragmenting but had DF set (a PMTU hint on a router)
 */
@Key("netns")
public record TcpSample(
    long timestamp,
    String netns,
    Long currEstab,
    Long newListenOverflows,
    Long newListenDrops,
    Long newSynRetrans,
    Long newTimeouts,
    Long newRetransSegs,
    Long newOutSegs,
    @Kind(PERCENT) Double retransPercent,
    Long newInErrs,
    Long newOutRsts,
    Long newAttemptFails,
    Long newEstabResets,
    Long newSyncookiesSent,
    Long newReqQFullDrop,
    Long newAbortOnTimeout,
    Long newAbortOnMemory,
    Long newMemoryPressures,
    Long newBacklogDrop,
    Long newRcvQDrop,
    Long newTimeWaitOverflow,
    Long newActiveOpens,
    Long newPassiveOpens,
    Long newUdpRcvbufErrors,
    Long newUdpNoPorts,
    Long newIcmpOutDestUnreachs,
    Long newIcmpInDestUnreachs,
    Long newIpFragFails)
    implements Fact {

  public static final String TYPE = "tcp";

  @Override
  public String type() {
    return TYPE;
  }
}
