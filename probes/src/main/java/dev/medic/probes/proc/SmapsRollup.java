package dev.medic.probes.proc;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.util.Map;

/**
 * PSS and USS from {@code /proc/<pid>/smaps_rollup} (4.14+); see
 * https://docs.kernel.org/filesystems/proc.html#proc-pid-smaps-rollup.
 *
 * <p>USS is Private_Clean + Private_Dirty: what killing the process would give back. PSS also charges it a share
 * of pages it maps together with others, so summing PSS over processes does not double-count.
 *
 * @param pss bytes
 * @param uss bytes
 */
record SmapsRollup(long pss, long uss) {

  static SmapsRollup parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    // the first line is the "[rollup]" pseudo-mapping header; its "00:00" device makes it a harmless junk key
    Map<String, String> fields = KernelFiles.colonFields(content, metrics);
    Long pss = KernelFiles.kbToBytes(fields.get("Pss"));
    Long privateClean = KernelFiles.kbToBytes(fields.get("Private_Clean"));
    Long privateDirty = KernelFiles.kbToBytes(fields.get("Private_Dirty"));
    if (pss == null || privateClean == null || privateDirty == null) {
      throw new KernelFormatException("smaps_rollup lacks Pss/Private_Clean/Private_Dirty");
    }
    return new SmapsRollup(pss, privateClean + privateDirty);
  }
}
