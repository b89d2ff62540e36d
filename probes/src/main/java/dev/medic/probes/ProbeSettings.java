package dev.medic.probes;

/**
 * How much a sweep reads beyond the cheap files.
 *
 * @param topN how many processes, largest RSS first, get their {@code /proc/<pid>/smaps_rollup} read for PSS and
 *     USS (the read walks the process's page tables under its mmap lock, ~1.5 ms for an 85 MB JVM)
 * @param smapsForAll read smaps_rollup for every user process regardless of topN (for benchmarks, not for
 *     production sweeps)
 */
public record ProbeSettings(int topN, boolean smapsForAll) {

  public static final int DEFAULT_TOP_N = 10;

  public ProbeSettings {
    if (topN < 0) {
      throw new IllegalArgumentException("topN must be >= 0, was " + topN);
    }
  }

  public static ProbeSettings defaults() {
    return new ProbeSettings(DEFAULT_TOP_N, false);
  }
}
