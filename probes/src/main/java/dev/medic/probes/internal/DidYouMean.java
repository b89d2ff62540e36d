package dev.medic.probes.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Suggests the closest known name for a misspelt one, the way a compiler does. Here, below every module, so that
 * the runbook loader and the checks' config parser give the same hints.
 */
public final class DidYouMean {

  private DidYouMean() {}

  /** {@code " (did you mean 'usagePercent'?)"}, or an empty string when nothing is close. */
  public static String hint(String wrong, Collection<String> known) {
    return closest(wrong, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  public static Optional<String> closest(String wrong, Collection<String> known) {
    if (wrong.length() > 100) { // no known name is this long; the distances would cost length times names
      return Optional.empty();
    }
    int budget = Math.max(2, wrong.length() / 3);
    return known.stream()
        .filter(k -> distance(wrong.toLowerCase(), k.toLowerCase()) <= budget)
        .min(Comparator.comparingInt((String k) -> distance(wrong.toLowerCase(), k.toLowerCase()))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
