package dev.medic.probes;

import java.util.Map;

/**
 * How much a sweep reads beyond the cheap files, and with how many threads.
 *
 * @param topN how many processes, largest RSS first, get their {@code /proc/<pid>/smaps_rollup} read for PSS and
 *     USS (the read walks the process's page tables under its mmap lock, ~1.5 ms for an 85 MB JVM)
 * @param smapsForAll read smaps_rollup for every user process regardless of topN (for benchmarks, not for
 *     production sweeps)
 * @param processEvery read the process table (and limits) on every Nth sweep only; the host files (meminfo,
 *     pressure, vmstat, cgroups) are read every sweep. The process table is most of a sweep's cost (about 30 µs a
 *     process), so polling the host every second and processes every 10 s keeps a busy host under 1% of a core.
 * @param readers threads that read the process table (1: the sweeping thread alone, the default). More shorten a
 *     sweep's wall time where cores are idle, at the same or slightly more CPU time: the kernel's work per file
 *     does not shrink, it only runs on more cores at once. Above 1, the reader keeps readers - 1 idle daemon
 *     threads between sweeps.
 * @param probes probes switched on ({@code true}) or off ({@code false}) by their {@link ProbeRegistry} name; a
 *     probe not named is on
 */
public record ProbeSettings(int topN, boolean smapsForAll, int processEvery, int readers, Map<String, Boolean> probes) {

  public static final int DEFAULT_TOP_N = 10;

  public ProbeSettings {
    if (topN < 0) {
      throw new IllegalArgumentException("topN must be >= 0, was " + topN);
    }
    if (processEvery < 1) {
      throw new IllegalArgumentException("processEvery must be >= 1, was " + processEvery);
    }
    if (readers < 1) {
      throw new IllegalArgumentException("readers must be >= 1, was " + readers);
    }
    probes = Map.copyOf(probes);
    ProbeRegistry.unknown(probes).ifPresent(name -> {
      throw new IllegalArgumentException("unknown probe '" + name + "'; known: " + String.join(", ",
          ProbeRegistry.names()));
    });
  }

  /** Every probe on. */
  public ProbeSettings(int topN, boolean smapsForAll, int processEvery, int readers) {
    this(topN, smapsForAll, processEvery, readers, Map.of());
  }

  /** One reader: the sweeping thread reads every process itself. */
  public ProbeSettings(int topN, boolean smapsForAll, int processEvery) {
    this(topN, smapsForAll, processEvery, 1);
  }

  /** The process table on every sweep. */
  public ProbeSettings(int topN, boolean smapsForAll) {
    this(topN, smapsForAll, 1);
  }

  /** Whether the probe named {@code name} in {@link ProbeRegistry} runs: unless switched off. */
  public boolean enabled(String name) {
    return probes.getOrDefault(name, true);
  }

  public static ProbeSettings defaults() {
    return new ProbeSettings(DEFAULT_TOP_N, false);
  }
}
