package dev.medic.probes.cgroup;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.proc.PsiFormat;
import java.util.Map;

/**
 * Parsers for the memory controller's files of one cgroup, v1 ({@code memory.limit_in_bytes},
 * {@code memory.usage_in_bytes}, {@code memory.oom_control}, {@code memory.memsw.usage_in_bytes},
 * {@code memory.stat}) and v2 ({@code memory.max}, {@code memory.current}, {@code memory.events},
 * {@code memory.high}, {@code memory.swap.current|max}, {@code memory.stat}, {@code memory.pressure}); see
 * https://docs.kernel.org/admin-guide/cgroup-v2.html#memory-interface-files. Pure functions of the file contents,
 * so they are table-tested without a filesystem.
 */
final class CgroupMemoryFiles {

  /**
   * v1 prints "no limit" as LONG_MAX rounded down to the page size: 9223372036854771712 (0x7FFFFFFFFFFFF000) with
   * 4 KiB pages, but 9223372036854710272 with the 64 KiB pages of many arm64 and ppc64 kernels. So the cut-off is
   * 2^62 (4 EiB), below every such value and far above any memory a limit could meaningfully cap.
   */
  static final long V1_UNLIMITED = 1L << 62;

  private CgroupMemoryFiles() {}

  /** The limit in bytes, or null when unlimited. */
  static Long parseLimitV1(String content) throws KernelFormatException {
    long limit = KernelFiles.parseSingleLong(content, "memory.limit_in_bytes");
    if (limit < 0) {
      throw new KernelFormatException("memory.limit_in_bytes is negative: " + limit);
    }
    return limit >= V1_UNLIMITED ? null : limit;
  }

  /** The limit in bytes, or null for the literal {@code max}. */
  static Long parseMaxV2(String content) throws KernelFormatException {
    return parseMaxOrBytes(content, "memory.max");
  }

  /** A v2 file holding bytes or {@code max} ({@code memory.high}, {@code memory.swap.max}): null for max. */
  static Long parseMaxOrBytes(String content, String what) throws KernelFormatException {
    if (content.trim().equals("max")) {
      return null;
    }
    return parseBytes(content, what);
  }

  /** A file holding one non-negative integer ({@code memory.swap.current}). */
  static long parseBytes(String content, String what) throws KernelFormatException {
    long bytes = KernelFiles.parseSingleLong(content, what);
    if (bytes < 0) {
      throw new KernelFormatException(what + " is negative: " + bytes);
    }
    return bytes;
  }

  /**
   * v1 swap charged to the cgroup: {@code memory.memsw.usage_in_bytes} (memory + swap) minus memory usage. The two
   * files are read a moment apart, so the difference is clamped at 0 rather than reported negative.
   */
  static long swapUsageV1(long usage, String memswUsage) throws KernelFormatException {
    return Math.max(0, parseBytes(memswUsage, "memory.memsw.usage_in_bytes") - usage);
  }

  /** Anonymous memory and page cache of a cgroup from {@code memory.stat}; each null when absent. */
  record Breakdown(Long anon, Long file) {

    static final Breakdown NONE = new Breakdown(null, null);
  }

  /**
   * v2 {@code anon}/{@code file}; v1 the hierarchical {@code total_rss}/{@code total_cache} (the cgroup and its
   * descendants, like usage_in_bytes), or {@code rss}/{@code cache} when the file has no total_ lines at all.
   */
  static Breakdown breakdown(String stat, int version, ProbeMetrics metrics) {
    Map<String, Long> fields = KernelFiles.spaceFields(stat, metrics);
    if (version == 2) {
      return new Breakdown(nonNegative(fields.get("anon"), metrics), nonNegative(fields.get("file"), metrics));
    }
    // every v1 kernel prints the total_* block; without any of it (a namespaced view such as lxcfs) the
    // cgroup's own counters are the best there is, but one missing total_ line is damage, not a reason to mix
    boolean totals = fields.keySet().stream().anyMatch(k -> k.startsWith("total_"));
    Long anon = totals ? fields.get("total_rss") : fields.get("rss");
    Long file = totals ? fields.get("total_cache") : fields.get("cache");
    return new Breakdown(nonNegative(anon, metrics), nonNegative(file, metrics));
  }

  /**
   * A v1 sample. {@code oomControl} ({@code oom_kill_disable 0\nunder_oom 0\noom_kill N}) may be null when the file
   * could not be read; {@code oom_kill} only exists since 4.13, so oomKills is null before that.
   */
  static CgroupSample sampleV1(
      long timestamp, String path, long limit, String usage, String oomControl, ProbeMetrics metrics)
      throws KernelFormatException {
    long bytes = KernelFiles.parseSingleLong(usage, "memory.usage_in_bytes");
    Long oomKills = null;
    Boolean underOom = null;
    if (oomControl != null) {
      Map<String, Long> fields = KernelFiles.spaceFields(oomControl, metrics);
      oomKills = fields.get("oom_kill");
      Long under = fields.get("under_oom");
      underOom = under == null ? null : under != 0;
    }
    return new CgroupSample(
        timestamp, path, 1, bytes, limit, KernelFiles.percent(bytes, limit), oomKills, underOom);
  }

  /** A v2 sample. {@code events} ({@code low N … oom_kill N …}) may be null when the file could not be read. */
  static CgroupSample sampleV2(
      long timestamp, String path, long limit, String current, String events, ProbeMetrics metrics)
      throws KernelFormatException {
    return baseV2(timestamp, path, limit, current, events == null ? null : KernelFiles.spaceFields(events, metrics));
  }

  /** {@link #sampleV2} from {@code memory.events} already parsed, so its {@code oom} count can be used as well. */
  static CgroupSample baseV2(long timestamp, String path, long limit, String current, Map<String, Long> events)
      throws KernelFormatException {
    long bytes = KernelFiles.parseSingleLong(current, "memory.current");
    Long oomKills = events == null ? null : events.get("oom_kill");
    return new CgroupSample(timestamp, path, 2, bytes, limit, KernelFiles.percent(bytes, limit), oomKills, null);
  }

  /**
   * {@code base} with the fields beyond usage, limit and the OOM counter.
   *
   * @param pressure null on v1 and when {@code memory.pressure} is unreadable
   */
  static CgroupSample withDetails(CgroupSample base, Long high, Long swapUsage, Long swapLimit, Long newOomKills,
      Long newOomEvents, Breakdown breakdown, PsiFormat.Avg10 pressure) {
    return new CgroupSample(base.timestamp(), base.path(), base.version(), base.usage(), base.limit(),
        base.usagePercent(), base.oomKills(), base.underOom(), high, swapUsage, swapLimit, newOomKills, newOomEvents,
        breakdown.anon(), breakdown.file(), pressure == null ? null : pressure.some(),
        pressure == null ? null : pressure.full());
  }

  /** A negative byte count is a garbled line: counted and left out. */
  private static Long nonNegative(Long value, ProbeMetrics metrics) {
    if (value != null && value < 0) {
      metrics.countSkippedRecord();
      return null;
    }
    return value;
  }
}
