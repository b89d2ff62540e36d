package dev.medic.probes.proc;

import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.KernelText;
import dev.medic.probes.text.Printable;
import dev.medic.probes.text.Redaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One process's cheap fields, held until {@link ProcessReader} knows whether it also reads smaps_rollup: the
 * {@link ProcessSample} record is immutable, so it is built once, after that decision.
 *
 * @param openFds entries in {@code fd/}; null when not readable
 * @param unit the systemd unit from the cgroup paths, see {@link CgroupPaths#unit}
 * @param container the container id from the cgroup paths, see {@link CgroupPaths#container}
 */
record ProcessDraft(
    Path dir,
    PidStat stat,
    PidStatus status,
    long rss,
    String memoryCgroup,
    String cmdline,
    Integer oomScore,
    Integer oomScoreAdj,
    Integer openFds,
    String unit,
    String container) {

  /** Kernel threads and zombies have no VmRSS line and no memory: their rss is 0. Any other process needs one. */
  static ProcessDraft of(
      Path dir, PidStat stat, PidStatus status, CgroupNames cgroup, String cmdline, Integer oomScore,
      Integer oomScoreAdj, Integer openFds) throws KernelFormatException {
    Long rss = status.rss();
    if (rss == null) {
      if (!(stat.kernelThread() || stat.exited())) {
        throw new KernelFormatException("status has no VmRSS for a live user process");
      }
      rss = 0L;
    }
    return new ProcessDraft(dir, stat, status, rss, cgroup.memory(), cmdline, oomScore, oomScoreAdj, openFds,
        cgroup.unit(), cgroup.container());
  }

  /** Whether smaps_rollup can say anything: kernel threads and zombies have no memory map. */
  boolean hasMemoryMap() {
    return stat.hasMemoryMap();
  }

  /**
   * The sample.
   *
   * @param smaps null when smaps_rollup was not read
   * @param bootMillis boot time in epoch ms, null when unknown
   * @param rssGrowth from {@link RssHistory}, null when there is not enough history
   */
  ProcessSample toSample(long timestamp, SmapsRollup smaps, Long bootMillis, Double rssGrowth) {
    return new ProcessSample(
        timestamp,
        stat.pid(),
        stat.ppid(),
        Printable.line(stat.comm()), // a comm with ESC or a newline must not reach a terminal or a log raw
        cmdline,
        status.uid(),
        stat.state(),
        rss,
        status.swap(),
        memoryCgroup,
        oomScore,
        oomScoreAdj,
        smaps == null ? null : smaps.pss(),
        smaps == null ? null : smaps.uss(),
        stat.kernelThread(),
        stat.startMillis(bootMillis),
        status.threads(),
        openFds,
        rssGrowth,
        smaps == null ? null : smaps.swapPss(),
        unit,
        container);
  }

  /**
   * {@code /proc/<pid>/cmdline}: NUL-separated arguments, joined with single spaces, trailing NULs dropped, then
   * redacted and escaped ({@link Redaction#commandLine}) here at the source, so no exit of Medic (the journal,
   * recordings, {@code medic probe}, evidence) ever holds a raw secret argument or control byte.
   */
  static String cmdline(String raw) {
    byte[] b = raw.getBytes(StandardCharsets.UTF_8);
    return cmdline(b, b.length);
  }

  /**
   * The same from the file's bytes {@code b[0, length)}, which it changes (NULs become spaces in place: a NUL byte
   * is never part of a UTF-8 sequence, so this decodes as replacing in the decoded text would).
   */
  static String cmdline(byte[] b, int length) {
    int end = length;
    while (end > 0 && b[end - 1] == 0) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      if (b[i] == 0) {
        b[i] = ' ';
      }
    }
    return Redaction.commandLine(KernelText.string(b, 0, end));
  }
}
