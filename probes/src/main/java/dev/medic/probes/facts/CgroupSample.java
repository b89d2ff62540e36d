package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;
import static dev.medic.probes.facts.FieldKind.PERCENT;

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
 * @param high v2 {@code memory.high}: the throttling threshold in bytes; null when none (or on v1)
 * @param swapUsage bytes of swap charged (v2 {@code memory.swap.current}; v1 memsw.usage - usage); null when
 *     swap accounting is off
 * @param swapLimit v2 {@code memory.swap.max} in bytes; null when unlimited or unknown
 * @param newOomKills OOM kills in this cgroup since the previous sweep; null on the first sweep
 * @param newOomEvents v2 {@code oom} events (the limit was hit and reclaim failed) since the previous sweep; null on
 *     the first sweep and on v1
 * @param anon anonymous memory in bytes ({@code memory.stat} v2 {@code anon}, v1 {@code total_rss})
 * @param file page cache in bytes ({@code memory.stat} v2 {@code file}, v1 {@code total_cache})
 * @param pressureSomeAvg10 v2 {@code memory.pressure} some avg10, percent; null on v1
 * @param pressureFullAvg10 v2 {@code memory.pressure} full avg10, percent; null on v1
 */
@Key("path")
public record CgroupSample(
    long timestamp,
    String path,
    int version,
    @Kind(BYTES) long usage,
    @Kind(BYTES) Long limit,
    @Kind(PERCENT) Double usagePercent,
    Long oomKills,
    Boolean underOom,
    @Kind(BYTES) Long high,
    @Kind(BYTES) Long swapUsage,
    @Kind(BYTES) Long swapLimit,
    Long newOomKills,
    Long newOomEvents,
    @Kind(BYTES) Long anon,
    @Kind(BYTES) Long file,
    @Kind(PERCENT) Double pressureSomeAvg10,
    @Kind(PERCENT) Double pressureFullAvg10)
    implements Fact {

  /** Usage, limit and OOM counter only; the rest absent. For tests and synthetic scenarios. */
  public CgroupSample(long timestamp, String path, int version, long usage, Long limit, Double usagePercent,
      Long oomKills, Boolean underOom) {
    this(timestamp, path, version, usage, limit, usagePercent, oomKills, underOom, null, null, null, null, null,
        null, null, null, null);
  }

  public static final String TYPE = "cgroup";

  @Override
  public String type() {
    return TYPE;
  }
}
