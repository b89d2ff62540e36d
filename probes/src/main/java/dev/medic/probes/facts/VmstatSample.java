package dev.medic.probes.facts;

/**
 * Reclaim, swapping and OOM activity from {@code /proc/vmstat}, as rates per second between two sweeps (the
 * kernel's counters are totals since boot; "now" is what rules need). Every rate is null on the first sweep.
 *
 * @param pgscanPerSec pages scanned for reclaim per second (pgscan_kswapd + pgscan_direct + khugepaged): memory is
 *     being reclaimed
 * @param pgscanDirectPerSec pages scanned by allocating tasks themselves per second: they stall while doing it
 * @param swapInPerSec pages swapped in per second (pswpin); steady swap-in with swap-out is a swap storm
 * @param swapOutPerSec pages swapped out per second (pswpout)
 * @param majorFaultsPerSec major page faults per second (pgmajfault): reads from disk to satisfy memory accesses
 * @param newOomKills OOM kills since the previous sweep (oom_kill, kernel 4.13+); null on the first sweep or when
 *     the kernel does not count them
 */
public record VmstatSample(
    long timestamp,
    Double pgscanPerSec,
    Double pgscanDirectPerSec,
    Double swapInPerSec,
    Double swapOutPerSec,
    Double majorFaultsPerSec,
    Long newOomKills)
    implements Fact {

  public static final String TYPE = "vmstat";

  @Override
  public String type() {
    return TYPE;
  }
}
