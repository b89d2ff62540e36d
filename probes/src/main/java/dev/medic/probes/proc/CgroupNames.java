package dev.medic.probes.proc;

import java.util.List;

/**
 * What Medic takes from {@code /proc/<pid>/cgroup}: the memory cgroup path, and the systemd unit and container
 * derived from the paths. A pure function of the file's content, so {@link ProcessReader} keeps it per pid while
 * the content stays the same ({@link ContentMemo}) instead of splitting lines and matching patterns every sweep.
 *
 * @param memory the memory cgroup path, see {@link #memoryCgroup}; null when the file names none
 * @param unit the systemd unit, see {@link CgroupPaths#unit}
 * @param container the container id, see {@link CgroupPaths#container}
 */
public record CgroupNames(String memory, String unit, String container) {

  public static CgroupNames of(String cgroupFile) {
    String memory = memoryCgroup(cgroupFile);
    // on v1 the memory path is "/" unless the unit has MemoryAccounting=, while name=systemd always names the unit
    String systemd = cgroupPath(cgroupFile, "name=systemd");
    return new CgroupNames(memory, firstNonNull(CgroupPaths.unit(systemd), CgroupPaths.unit(memory)),
        firstNonNull(CgroupPaths.container(memory), CgroupPaths.container(systemd)));
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
