package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.ColonLines;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.KernelText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The fields Medic needs from {@code /proc/<pid>/status}; see https://docs.kernel.org/filesystems/proc.html.
 *
 * @param uid the real uid (first of the four on the {@code Uid:} line)
 * @param rss VmRSS in bytes; null when absent (kernel threads, zombies)
 * @param swap VmSwap in bytes; null when absent
 * @param threads Threads (count); null when absent or garbled
 * @param tgid Tgid, the thread group (process) a task belongs to: equal to its pid for a process, another pid for a
 *     thread; null when absent or garbled
 * @param rssAnon RssAnon in bytes (Linux 4.5+); null when absent
 *
 * <p>Public for the actions, which read one process's status on demand ({@link #read}); the sweep reads every
 * process through {@link ProcessReader}.
 */
public record PidStatus(int uid, Long rss, Long swap, Integer threads, Integer tgid, Long rssAnon) {

  private static final byte[][] KEYS = ColonLines.keys("Uid", "VmRSS", "VmSwap", "Threads", "Tgid", "RssAnon");
  private static final int UID = 0;
  private static final int RSS = 1;
  private static final int SWAP = 2;
  private static final int THREADS = 3;
  private static final int TGID = 4;
  private static final int RSS_ANON = 5;

  /**
   * {@code <root>/proc/<pid>/status}, its problems counted in {@code metrics}.
   *
   * @throws IOException when it cannot be read (the process is gone, most often: see {@link KernelFiles#isGone})
   * @throws KernelFormatException when it has no valid Uid line
   */
  public static PidStatus read(HostRoot root, int pid, ProbeMetrics metrics) throws IOException,
      KernelFormatException {
    byte[] b = KernelFiles.readBytes(root.pid(pid).resolve("status"));
    return parse(b, b.length, metrics);
  }

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
    long tgid = lines.parseLong(TGID);
    return new PidStatus((int) uid, kb(lines, RSS, metrics), kb(lines, SWAP, metrics), threads(lines, metrics),
        tgid > 0 && tgid <= Integer.MAX_VALUE ? (int) tgid : null, kb(lines, RSS_ANON, metrics));
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
