package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * The connection-tracking table of one network namespace: entries against the (global) limit, from
 * {@code /proc/sys/net/netfilter/nf_conntrack_count} read inside the namespace and {@code nf_conntrack_max}, and
 * the table's per-CPU statistics from {@code /proc/<pid>/net/stat/nf_conntrack} (hex, summed over CPUs, by column
 * name) as increases since the previous sweep. Absent when the kernel has no conntrack (no stat file).
 *
 * @param netns the namespace: {@code host} or {@code net:[inode]}; the key
 * @param count entries in this namespace's table now; null when the count could not be read in the namespace
 * @param max the most entries any namespace may hold ({@code nf_conntrack_max}, global); null when unreadable
 * @param usedPercent count as a percentage of max; null without either
 * @param newDrops packets dropped because the table was full ({@code drop}); null on the first sweep or a reset
 * @param newEarlyDrops entries evicted to make room ({@code early_drop})
 * @param newInsertFailed entries that could not be inserted ({@code insert_failed}, races and clashes)
 * @param newInvalid packets conntrack could not classify ({@code invalid})
 */
@Key("netns")
public record ConntrackSample(
    long timestamp,
    String netns,
    Long count,
    Long max,
    @Kind(PERCENT) Double usedPercent,
    Long newDrops,
    Long newEarlyDrops,
    Long newInsertFailed,
    Long newInvalid)
    implements Fact {

  public static final String TYPE = "conntrack";

  @Override
  public String type() {
    return TYPE;
  }
}
