package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.TcpSample;
import dev.medic.probes.netns.NetNamespace;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the {@link TcpSample} of a namespace from its {@link NetstatReader} and {@link SnmpReader} counters, as
 * increases since the previous sweep of that namespace ({@link Deltas}). Stateful: one instance per agent, one sweep
 * at a time.
 */
public final class TcpCountersReader {

  /** The counters of the sample, in the order of its {@code new…} fields: the file's prefix and column name. */
  enum Counter {
    LISTEN_OVERFLOWS("TcpExt", "ListenOverflows"),
    LISTEN_DROPS("TcpExt", "ListenDrops"),
    SYN_RETRANS("TcpExt", "TCPSynRetrans"),
    TIMEOUTS("TcpExt", "TCPTimeouts"),
    RETRANS_SEGS("Tcp", "RetransSegs"),
    OUT_SEGS("Tcp", "OutSegs"),
    IN_ERRS("Tcp", "InErrs"),
    OUT_RSTS("Tcp", "OutRsts"),
    ATTEMPT_FAILS("Tcp", "AttemptFails"),
    ESTAB_RESETS("Tcp", "EstabResets"),
    SYNCOOKIES_SENT("TcpExt", "SyncookiesSent"),
    REQ_QFULL_DROP("TcpExt", "TCPReqQFullDrop"),
    ABORT_ON_TIMEOUT("TcpExt", "TCPAbortOnTimeout"),
    ABORT_ON_MEMORY("TcpExt", "TCPAbortOnMemory"),
    MEMORY_PRESSURES("TcpExt", "TCPMemoryPressures"),
    BACKLOG_DROP("TcpExt", "TCPBacklogDrop"),
    RCVQ_DROP("TcpExt", "TCPRcvQDrop"),
    TIME_WAIT_OVERFLOW("TcpExt", "TCPTimeWaitOverflow"),
    ACTIVE_OPENS("Tcp", "ActiveOpens"),
    PASSIVE_OPENS("Tcp", "PassiveOpens"),
    UDP_RCVBUF_ERRORS("Udp", "RcvbufErrors"),
    UDP_NO_PORTS("Udp", "NoPorts"),
    ICMP_OUT_DEST_UNREACHS("Icmp", "OutDestUnreachs"),
    ICMP_IN_DEST_UNREACHS("Icmp", "InDestUnreachs"),
    IP_FRAG_FAILS("Ip", "FragFails");

    final String prefix;
    final String name;

    Counter(String prefix, String name) {
      this.prefix = prefix;
      this.name = name;
    }
  }

  /** Fewer segments sent than this in a sweep make a retransmit percentage meaningless. */
  static final long MIN_SEGMENTS = 100;

  private final NetstatReader netstat;
  private final SnmpReader snmp;
  private final Deltas deltas = new Deltas();

  public TcpCountersReader(HostRoot root, ProbeMetrics metrics) {
    this.netstat = new NetstatReader(root, metrics);
    this.snmp = new SnmpReader(root, metrics);
  }

  /** The namespace's sample; empty when neither file gave a counter. */
  public synchronized Optional<TcpSample> read(long timestamp, NetNamespace ns) {
    Map<String, Map<String, Long>> counters = new HashMap<>(netstat.read(ns));
    counters.putAll(snmp.read(ns));
    return sample(timestamp, ns.id(), counters, deltas);
  }

  /** Forgets namespaces not read in the last sweep. */
  public synchronized void retain(Set<String> netnsIds) {
    deltas.retain(netnsIds);
  }

  /** The sample from both files' pairs (prefix → name → value), with deltas against {@code netns}'s previous. */
  static Optional<TcpSample> sample(long timestamp, String netns, Map<String, Map<String, Long>> counters,
      Deltas deltas) {
    Long[] now = new Long[Counter.values().length];
    boolean any = false;
    for (Counter c : Counter.values()) {
      now[c.ordinal()] = counters.getOrDefault(c.prefix, Map.of()).get(c.name);
      any |= now[c.ordinal()] != null;
    }
    Long currEstab = counters.getOrDefault("Tcp", Map.of()).get("CurrEstab");
    if (!any && currEstab == null) {
      return Optional.empty();
    }
    Long[] d = deltas.next(netns, now);
    return Optional.of(new TcpSample(timestamp, netns, currEstab,
        d[Counter.LISTEN_OVERFLOWS.ordinal()], d[Counter.LISTEN_DROPS.ordinal()], d[Counter.SYN_RETRANS.ordinal()],
        d[Counter.TIMEOUTS.ordinal()], d[Counter.RETRANS_SEGS.ordinal()], d[Counter.OUT_SEGS.ordinal()],
        Deltas.percent(d[Counter.RETRANS_SEGS.ordinal()], d[Counter.OUT_SEGS.ordinal()], MIN_SEGMENTS),
        d[Counter.IN_ERRS.ordinal()], d[Counter.OUT_RSTS.ordinal()], d[Counter.ATTEMPT_FAILS.ordinal()],
        d[Counter.ESTAB_RESETS.ordinal()], d[Counter.SYNCOOKIES_SENT.ordinal()], d[Counter.REQ_QFULL_DROP.ordinal()],
        d[Counter.ABORT_ON_TIMEOUT.ordinal()], d[Counter.ABORT_ON_MEMORY.ordinal()],
        d[Counter.MEMORY_PRESSURES.ordinal()], d[Counter.BACKLOG_DROP.ordinal()], d[Counter.RCVQ_DROP.ordinal()],
        d[Counter.TIME_WAIT_OVERFLOW.ordinal()], d[Counter.ACTIVE_OPENS.ordinal()],
        d[Counter.PASSIVE_OPENS.ordinal()], d[Counter.UDP_RCVBUF_ERRORS.ordinal()], d[Counter.UDP_NO_PORTS.ordinal()],
        d[Counter.ICMP_OUT_DEST_UNREACHS.ordinal()], d[Counter.ICMP_IN_DEST_UNREACHS.ordinal()],
        d[Counter.IP_FRAG_FAILS.ordinal()]));
  }
}
