package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * One network interface of one namespace: packet, drop and error counters from {@code /proc/<pid>/net/dev} as
 * increases since the previous sweep (null on the first sweep of the interface and after a reset), and, for the
 * root namespace only (sysfs shows the root namespace's devices), link state from
 * {@code /sys/class/net/<iface>/}. Qdisc drops are not here: NIC counters do not include them.
 *
 * @param nic the key: {@code <netns> <iface>}, e.g. {@code host eth0}
 * @param netns the namespace: {@code host} or {@code net:[inode]}
 * @param iface the interface name
 * @param operUp {@code operstate} is {@code up}; null outside the root namespace or when unreadable
 * @param carrier {@code carrier} is 1; null outside the root namespace, when unreadable, or when the link is down
 *     (the kernel refuses the read)
 * @param mtu {@code mtu}, bytes; null outside the root namespace
 * @param speedMbps {@code speed}, Mbit/s; null for -1 (virtual devices) and outside the root namespace
 * @param newRxPackets packets received ({@code net/dev} receive packets)
 * @param newRxDrops packets received and dropped ({@code drop}: no buffer, filtered by the driver)
 * @param newRxErrors receive errors ({@code errs})
 * @param newTxPackets packets sent
 * @param newTxDrops packets dropped on send
 * @param newTxErrors send errors
 * @param rxDropPercent 100 × newRxDrops / (newRxPackets + newRxDrops); null when neither moved
 * @param newCarrierChanges link up/down transitions ({@code carrier_changes}); root namespace only
 */
@Key("nic")
public record NicSample(
    long timestamp,
    String nic,
    String netns,
    String iface,
    Boolean operUp,
    Boolean carrier,
    Long mtu,
    Long speedMbps,
    Long newRxPackets,
    Long newRxDrops,
    Long newRxErrors,
    Long newTxPackets,
    Long newTxDrops,
    Long newTxErrors,
    @Kind(PERCENT) Double rxDropPercent,
    Long newCarrierChanges)
    implements Fact {

  public static final String TYPE = "nic";

  @Override
  public String type() {
    return TYPE;
  }
}
