package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;
import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * System memory from {@code /proc/meminfo} (the guide's {@code free -h}).
 *
 * @param total MemTotal, bytes
 * @param available MemAvailable, bytes; null on kernels before 3.14
 * @param availablePercent available as a percentage of total; null when available is
 * @param usedPercent 100 - availablePercent; null when available is
 * @param swapTotal SwapTotal, bytes
 * @param swapFree SwapFree, bytes
 * @param swapUsedPercent (swapTotal - swapFree) / swapTotal; 0 when there is no swap
 * @param anon AnonPages, bytes
 * @param shmem Shmem (tmpfs and shared memory, which cannot be reclaimed without swap), bytes
 * @param committed Committed_AS, bytes
 * @param free MemFree, bytes: never used at all (page cache counts as used here, as available does not)
 * @param cached Cached, bytes (page cache, mostly reclaimable)
 * @param reclaimable SReclaimable, bytes (slab the kernel can free, e.g. dentries and inodes)
 * @param commitLimit CommitLimit, bytes: what Committed_AS may reach under vm.overcommit_memory=2
 * @param hugePagesTotal HugePages_Total (count of preallocated huge pages, unusable for anything else)
 * @param hugePagesFree HugePages_Free (count)
 * @param hugePageSize Hugepagesize, bytes
 */
public record MemorySample(
    long timestamp,
    @Kind(BYTES) long total,
    @Kind(BYTES) Long available,
    @Kind(PERCENT) Double availablePercent,
    @Kind(PERCENT) Double usedPercent,
    @Kind(BYTES) long swapTotal,
    @Kind(BYTES) long swapFree,
    @Kind(PERCENT) double swapUsedPercent,
    @Kind(BYTES) Long anon,
    @Kind(BYTES) Long shmem,
    @Kind(BYTES) Long committed,
    @Kind(BYTES) Long free,
    @Kind(BYTES) Long cached,
    @Kind(BYTES) Long reclaimable,
    @Kind(BYTES) Long commitLimit,
    Long hugePagesTotal,
    Long hugePagesFree,
    @Kind(BYTES) Long hugePageSize)
    implements Fact {

  /** The fields of every kernel since 3.14; the rest absent. For tests and synthetic scenarios. */
  public MemorySample(long timestamp, long total, Long available, Double availablePercent, Double usedPercent,
      long swapTotal, long swapFree, double swapUsedPercent, Long anon, Long shmem, Long committed) {
    this(timestamp, total, available, availablePercent, usedPercent, swapTotal, swapFree, swapUsedPercent, anon,
        shmem, committed, null, null, null, null, null, null, null);
  }

  public static final String TYPE = "memory";

  @Override
  public String type() {
    return TYPE;
  }
}
