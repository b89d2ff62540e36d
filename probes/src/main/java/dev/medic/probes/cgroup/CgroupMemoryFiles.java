package dev.medic.probes.cgroup;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.util.Map;

/**
 * Parsers for the memory controller's files of one cgroup, v1 ({@code memory.limit_in_bytes},
 * {@code memory.usage_in_bytes}, {@code memory.oom_control}) and v2 ({@code memory.max}, {@code memory.current},
 * {@code memory.events}); see https://docs.kernel.org/admin-guide/cgroup-v2.html#memory-interface-files. Pure
 * functions of the file contents, so they are table-tested without a filesystem.
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
    if (content.trim().equals("max")) {
      return null;
    }
    long limit = KernelFiles.parseSingleLong(content, "memory.max");
    if (limit < 0) {
      throw new KernelFormatException("memory.max is negative: " + limit);
    }
    return limit;
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
    long bytes = KernelFiles.parseSingleLong(current, "memory.current");
    Long oomKills = events == null ? null : KernelFiles.spaceFields(events, metrics).get("oom_kill");
    return new CgroupSample(timestamp, path, 2, bytes, limit, KernelFiles.percent(bytes, limit), oomKills, null);
  }
}
