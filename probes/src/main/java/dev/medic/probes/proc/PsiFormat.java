package dev.medic.probes.proc;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;

/**
 * The pressure-stall format of {@code /proc/pressure/*}, shared with a v2 cgroup's {@code memory.pressure}, for
 * readers outside this package: one parser ({@link PressureReader#parse}) for both.
 */
public final class PsiFormat {

  /**
   * The 10-second averages, percent of wall time.
   *
   * @param full null when the file has no {@code full} line
   */
  public record Avg10(double some, Double full) {}

  private PsiFormat() {}

  private static boolean percent(double value) {
    return value >= 0 && value <= 100;
  }

  /**
   * The avg10 of the {@code some} and {@code full} lines; malformed lines are counted in {@code metrics}.
   *
   * @throws KernelFormatException when there is no valid {@code some} line, or an avg10 is not a percentage
   */
  public static Avg10 avg10(String content, ProbeMetrics metrics) throws KernelFormatException {
    PressureReader.Psi psi = PressureReader.parse(content, metrics);
    Double full = psi.full() == null ? null : psi.full().avg10();
    // a share of wall time: anything outside 0..100 is a garbled number, not a reading
    if (!percent(psi.some().avg10()) || (full != null && !percent(full))) {
      throw new KernelFormatException("pressure avg10 outside 0..100: '" + KernelFiles.abbreviate(content) + "'");
    }
    return new Avg10(psi.some().avg10(), full);
  }
}
