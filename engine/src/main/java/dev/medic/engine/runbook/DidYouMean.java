package dev.medic.engine.runbook;

import java.util.Collection;
import java.util.Optional;

/**
 * Suggests the closest known name for a misspelt one, the way a compiler does; the algorithm is
 * {@link dev.medic.probes.internal.DidYouMean}, shared with the checks' config parser.
 */
public final class DidYouMean {

  private DidYouMean() {}

  /** {@code " (did you mean 'usagePercent'?)"}, or an empty string when nothing is close. */
  public static String hint(String wrong, Collection<String> known) {
    return dev.medic.probes.internal.DidYouMean.hint(wrong, known);
  }

  static Optional<String> closest(String wrong, Collection<String> known) {
    return dev.medic.probes.internal.DidYouMean.closest(wrong, known);
  }
}
