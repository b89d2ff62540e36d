package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;

/**
 * The {@code btime} line of {@code /proc/stat}: when the host booted, in whole seconds since the epoch; see
 * proc_stat(5). A process's start time is this plus its stat starttime.
 *
 * <p>The kernel derives btime from the wall clock minus the boot-time clock, so it moves when the wall clock is
 * stepped; the reader re-reads it every sweep rather than caching it, which keeps start times consistent with the
 * sweep timestamps. /proc/stat grows with the CPU count (a few KB on 64 CPUs), still cheaper than one pid's files.
 */
public final class BootTime {

  /** Year 5138 in epoch seconds: a btime beyond it is a garbled line, and keeps ms arithmetic far from overflow. */
  private static final long MAX_SECONDS = 100_000_000_000L;

  private BootTime() {}

  /**
   * Epoch ms of boot from {@code <root>/proc/stat}, or null (start times stay null) when it cannot be read or has
   * no valid btime: warned once, counted as a missing source or a skipped record.
   */
  static Long read(HostRoot root, ProbeMetrics metrics, WarnOnce warnOnce) {
    try {
      return readMillis(root);
    } catch (KernelFormatException e) {
      metrics.countSkippedRecord();
      warnOnce.warn("btime", "no boot time, process start times unknown: {}", e.getMessage());
    } catch (IOException e) {
      if (warnOnce.warn("btime-missing", "cannot read {}, process start times unknown: {}", root.proc("stat"),
          e.toString())) {
        metrics.countMissingSource();
      }
    }
    return null;
  }

  /**
   * Epoch ms of boot from {@code <root>/proc/stat}, for a caller that reports the problem itself (an action).
   *
   * @throws IOException when /proc/stat cannot be read
   * @throws KernelFormatException when it has no valid btime line
   */
  public static long readMillis(HostRoot root) throws IOException, KernelFormatException {
    return parseMillis(KernelFiles.read(root.proc("stat")));
  }

  /** Epoch milliseconds of boot. */
  static long parseMillis(String content) throws KernelFormatException {
    for (String line : content.split("\n")) {
      if (line.startsWith("btime ")) {
        Long seconds = KernelFiles.parseLongOrNull(line.substring("btime ".length()).trim());
        if (seconds == null || seconds <= 0 || seconds > MAX_SECONDS) {
          throw new KernelFormatException("stat: bad btime line '" + KernelFiles.abbreviate(line) + "'");
        }
        return seconds * 1000;
      }
    }
    throw new KernelFormatException("stat has no btime line");
  }
}
