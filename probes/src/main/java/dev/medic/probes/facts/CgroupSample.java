package dev.medic.probes.facts;

/**
 * One memory cgroup (what {@code docker stats} and {@code kubectl top pod} read).
 *
 * <p>v1: {@code memory.usage_in_bytes}, {@code memory.limit_in_bytes}, {@code memory.oom_control}. v2:
 * {@code memory.current}, {@code memory.max}, {@code memory.events}.
 *
 * @param path the cgroup's path inside the memory hierarchy, as {@code /proc/<pid>/cgroup} names it ({@code /} is
 *     the root)
 * @param version 1 or 2
 * @param usage bytes charged to the cgroup
 * @param limit the hard limit in bytes; null when unlimited ({@code max} in v2, the huge page-aligned value in v1)
 * @param usagePercent usage as a percentage of limit; null when unlimited
 * @param oomKills the cgroup's cumulative OOM-kill counter; null where the kernel does not export it
 * @param underOom v1 {@code under_oom}: tasks are waiting on the OOM killer now; null on v2
 */
public record CgroupSample(
    long timestamp,
    String path,
    int version,
    long usage,
    Long limit,
    Double usagePercent,
    Long oomKills,
    Boolean underOom)
    implements Fact {

  public static final String TYPE = "cgroup";

  @Override
  public String type() {
    return TYPE;
  }
}
