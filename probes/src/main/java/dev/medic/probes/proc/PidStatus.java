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
 */
record PidStatus(int uid, Long rss, Long swap) {

  static PidStatus parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    Map<String, String> fields = KernelFiles.colonFields(content, metrics);
    String uids = fields.get("Uid");
    Long uid = uids == null || uids.isEmpty() ? null : KernelFiles.parseLongOrNull(uids.split("\\s+")[0]);
    if (uid == null) {
      throw new KernelFormatException("status has no valid Uid line: '" + uids + "'");
    }
    return new PidStatus(Math.toIntExact(uid), kb(fields, "VmRSS", metrics), kb(fields, "VmSwap", metrics));
  }

  private static Long kb(Map<String, String> fields, String key, ProbeMetrics metrics) {
    String value = fields.get(key);
    Long bytes = KernelFiles.kbToBytes(value);
    if (value != null && bytes == null) {
      metrics.countSkippedRecord();
    }
    return bytes;
  }
}
