package dev.medic.probes.proc;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.util.Map;

/**
 * The fields Medic needs from {@code /proc/<pid>/status}; see https://docs.kernel.org/filesystems/proc.html.
 *
 * @param uid the real uid (first of the four on the {@code Uid:} line)
 * @param rss VmRSS in bytes; null when absent (kernel threads, zombies)
 * @param swap VmSwap in bytes; null when absent
 * @param threads Threads (count); null when absent or garbled
 */
record PidStatus(int uid, Long rss, Long swap, Integer threads) {

  static PidStatus parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    Map<String, String> fields = KernelFiles.colonFields(content, metrics);
    String uids = fields.get("Uid");
    Long uid = uids == null || uids.isEmpty() ? null : KernelFiles.parseLongOrNull(uids.split("\\s+")[0]);
    // uid_t is unsigned 32-bit; Java's int holds it only up to 2^31-1, which every real uid is below
    if (uid == null || uid < 0 || uid > Integer.MAX_VALUE) {
      throw new KernelFormatException("status has no valid Uid line: '" + uids + "'");
    }
    return new PidStatus(uid.intValue(), kb(fields, "VmRSS", metrics), kb(fields, "VmSwap", metrics),
        threads(fields.get("Threads"), metrics));
  }

  private static Long kb(Map<String, String> fields, String key, ProbeMetrics metrics) {
    String value = fields.get(key);
    Long bytes = KernelFiles.kbToBytes(value);
    if (value != null && bytes == null) {
      metrics.countSkippedRecord();
    }
    return bytes;
  }

  /** Every task has at least itself; a zero, negative or non-numeric count is a garbled line, counted. */
  private static Integer threads(String value, ProbeMetrics metrics) {
    if (value == null) {
      return null;
    }
    Long n = KernelFiles.parseLongOrNull(value);
    if (n == null || n < 1 || n > Integer.MAX_VALUE) {
      metrics.countSkippedRecord();
      return null;
    }
    return n.intValue();
  }
}
