package dev.medic.probes.proc;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.ColonLines;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.KernelText;
import java.nio.charset.StandardCharsets;

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

  private static final byte[][] KEYS = ColonLines.keys("Pss", "Private_Clean", "Private_Dirty", "SwapPss");
  private static final int PSS = 0;
  private static final int PRIVATE_CLEAN = 1;
  private static final int PRIVATE_DIRTY = 2;
  private static final int SWAP_PSS = 3;

  static SmapsRollup parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return parse(b, b.length, metrics);
  }

  /** From the bytes {@code b[0, length)} of the file. */
  static SmapsRollup parse(byte[] b, int length, ProbeMetrics metrics) throws KernelFormatException {
    // the first line is the "[rollup]" pseudo-mapping header; its "00:00" device makes it a harmless junk key
    ColonLines lines = new ColonLines(KEYS);
    metrics.countSkippedRecords(lines.scan(b, length));
    long pss = lines.kbToBytes(PSS);
    long privateClean = lines.kbToBytes(PRIVATE_CLEAN);
    long privateDirty = lines.kbToBytes(PRIVATE_DIRTY);
    if (pss == KernelText.NOT_A_NUMBER || privateClean == KernelText.NOT_A_NUMBER
        || privateDirty == KernelText.NOT_A_NUMBER || privateClean > Long.MAX_VALUE - privateDirty) {
      throw new KernelFormatException("smaps_rollup lacks Pss/Private_Clean/Private_Dirty");
    }
    long swapPss = lines.kbToBytes(SWAP_PSS);
    if (lines.found(SWAP_PSS) && swapPss == KernelText.NOT_A_NUMBER) {
      metrics.countSkippedRecord();
    }
    return new SmapsRollup(pss, privateClean + privateDirty, KernelText.boxed(swapPss));
  }
}
