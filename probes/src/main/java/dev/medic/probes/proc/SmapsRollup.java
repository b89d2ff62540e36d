package dev.medic.probes.proc;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.util.Map;

/**
 * PSS, USS and SwapPss from {@code /proc/<pid>/smaps_rollup} (4.14+); see
 * https://docs.kernel.org/filesystems/proc.html#proc-pid-smaps-rollup.
 *
 * <p>USS is Private_Clean + Private_Dirty: what killing the process would give back. PSS also charges it a share
 * of pages it maps together with others, so summing PSS over processes does not double-count. SwapPss is the same
 * fair share for its swapped-out pages.
 *
 * @param pss bytes
 * @param uss bytes
 * @param swapPss bytes; null when the line is missing (it is there on every kernel with smaps_rollup) or garbled
 */
record SmapsRollup(long pss, long uss, Long swapPss) {

  static SmapsRollup parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    // the first line is the "[rollup]" pseudo-mapping header; its "00:00" device makes it a harmless junk key
    Map<String, String> fields = KernelFiles.colonFields(content, metrics);
    Long pss = KernelFiles.kbToBytes(fields.get("Pss"));
    Long privateClean = KernelFiles.kbToBytes(fields.get("Private_Clean"));
    Long privateDirty = KernelFiles.kbToBytes(fields.get("Private_Dirty"));
    if (pss == null || privateClean == null || privateDirty == null || privateClean > Long.MAX_VALUE - privateDirty) {
      throw new KernelFormatException("smaps_rollup lacks Pss/Private_Clean/Private_Dirty");
    }
    String swapPssText = fields.get("SwapPss");
    Long swapPss = KernelFiles.kbToBytes(swapPssText);
    if (swapPssText != null && swapPss == null) {
      metrics.countSkippedRecord();
    }
    return new SmapsRollup(pss, privateClean + privateDirty, swapPss);
  }
}
