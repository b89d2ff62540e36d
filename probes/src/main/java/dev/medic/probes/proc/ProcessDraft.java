package dev.medic.probes.proc;

import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.internal.KernelFormatException;
import java.nio.file.Path;
import java.util.List;

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
      Path dir, PidStat stat, PidStatus status, String cgroupFile, String cmdline, Integer oomScore,
      Integer oomScoreAdj, Integer openFds) throws KernelFormatException {
    Long rss = status.rss();
    if (rss == null) {
      if (!(stat.kernelThread() || stat.exited())) {
        throw new KernelFormatException("status has no VmRSS for a live user process");
      }
      rss = 0L;
    }
    String memory = memoryCgroup(cgroupFile);
    // on v1 the memory path is "/" unless the unit has MemoryAccounting=, while name=systemd always names the unit
    String systemd = cgroupPath(cgroupFile, "name=systemd");
    String unit = firstNonNull(CgroupPaths.unit(systemd), CgroupPaths.unit(memory));
    String container = firstNonNull(CgroupPaths.container(memory), CgroupPaths.container(systemd));
    return new ProcessDraft(dir, stat, status, rss, memory, cmdline, oomScore, oomScoreAdj, openFds, unit,
        container);
  }

  /** Whether smaps_rollup can say anything: kernel threads and zombies have no memory map. */
  boolean hasMemoryMap() {
    return !stat.kernelThread() && !stat.exited();
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
        stat.comm(),
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

  /** {@code /proc/<pid>/cmdline}: NUL-separated arguments, joined with single spaces, trailing NULs dropped. */
  static String cmdline(String raw) {
    int end = raw.length();
    while (end > 0 && raw.charAt(end - 1) == '\0') {
      end--;
    }
    return raw.substring(0, end).replace('\0', ' ');
  }

  /**
   * The memory cgroup path from {@code /proc/<pid>/cgroup} ({@code id:controllers:path} lines): the v1 line whose
   * controller list holds {@code memory}, else the v2 {@code 0::} line, else null.
   */
  static String memoryCgroup(String content) {
    return cgroupPath(content, "memory");
  }

  /** The path of the v1 line whose controller list holds {@code controller}, else the v2 {@code 0::} line. */
  private static String cgroupPath(String content, String controller) {
    String unified = null;
    for (String line : content.split("\n")) {
      String[] parts = line.split(":", 3);
      if (parts.length < 3) {
        continue;
      }
      if (List.of(parts[1].split(",")).contains(controller)) {
        return parts[2];
      }
      if (parts[0].equals("0") && parts[1].isEmpty()) {
        unified = parts[2];
      }
    }
    return unified;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
