package dev.medic.probes.facts;

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
 */
public record MemorySample(
    long timestamp,
    long total,
    Long available,
    Double availablePercent,
    Double usedPercent,
    long swapTotal,
    long swapFree,
    double swapUsedPercent,
    Long anon,
    Long shmem,
    Long committed)
    implements Fact {

  public static final String TYPE = "memory";

  @Override
  public String type() {
    return TYPE;
  }
}
