package dev.medic.probes.proc;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.ColonLines;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.KernelText;
import java.nio.charset.StandardCharsets;

/**
 * The fields Medic needs from {@code /proc/<pid>/status}; see https://docs.kernel.org/filesystems/proc.html.
 *
 * @param uid the real uid (first of the four on the {@code Uid:} line)
 * @param rss VmRSS in bytes; null when absent (kernel threads, zombies)
 * @param swap VmSwap in bytes; null when absent
 * @param threads Threads (count); null when absent or garbled
 */
record PidStatus(int uid, Long rss, Long swap, Integer threads) {

  private static final byte[][] KEYS = ColonLines.keys("Uid", "VmRSS", "VmSwap", "Threads");
  private static final int UID = 0;
  private static final int RSS = 1;
  private static final int SWAP = 2;
  private static final int THREADS = 3;

  static PidStatus parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return parse(b, b.length, metrics);
  }

  /** From the bytes {@code b[0, length)} of the file, picking the 4 lines needed out of about 55. */
  static PidStatus parse(byte[] b, int length, ProbeMetrics metrics) throws KernelFormatException {
    ColonLines lines = new ColonLines(KEYS);
    metrics.countSkippedRecords(lines.scan(b, length));
    long uid = KernelText.NOT_A_NUMBER;
    if (lines.found(UID)) {
      // the first of the four uids: up to the first whitespace of the trimmed value
      int end = lines.from(UID);
      while (end < lines.to(UID) && !KernelText.isSpace(b[end])) {
        end++;
      }
      uid = KernelText.parseLong(b, lines.from(UID), end);
    }
    // uid_t is unsigned 32-bit; Java's int holds it only up to 2^31-1, which every real uid is below
    if (uid < 0 || uid > Integer.MAX_VALUE) {
      throw new KernelFormatException("status has no valid Uid line: '" + lines.text(UID) + "'");
    }
    return new PidStatus((int) uid, kb(lines, RSS, metrics), kb(lines, SWAP, metrics), threads(lines, metrics));
  }

  private static Long kb(ColonLines lines, int key, ProbeMetrics metrics) {
    long bytes = lines.kbToBytes(key);
    if (lines.found(key) && bytes == KernelText.NOT_A_NUMBER) {
      metrics.countSkippedRecord();
    }
    return KernelText.boxed(bytes);
  }

  /**
   * Every live task has at least itself. 0 is what an exiting process shows (its thread count drops before its
   * status stops being readable): not garbled, just gone, so the field is absent and nothing is counted. A negative
   * or non-numeric count is a garbled line, counted.
   */
  private static Integer threads(ColonLines lines, ProbeMetrics metrics) {
    if (!lines.found(THREADS)) {
      return null;
    }
    long n = lines.parseLong(THREADS);
    if (n == 0) {
      return null;
    }
    if (n < 1 || n > Integer.MAX_VALUE) {
      metrics.countSkippedRecord();
      return null;
    }
    return (int) n;
  }
}
