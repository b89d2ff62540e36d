package dev.medic.actions.builtin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and reads the text parameters runbooks give actions: whole numbers in a range, and durations written as
 * the runbook language writes them ({@code 500ms}, {@code 2s}, {@code 1m}). The {@code check…} methods return
 * problems as sentences for {@link dev.medic.actions.Action#validate}; the readers assume a validated map and fall
 * back to the default for an absent key.
 */
final class Params {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private Params() {}

  /** Problems with the optional (or, if {@code required}, mandatory) integer {@code key} in {@code min..max}. */
  static List<String> checkInt(Map<String, String> params, String key, boolean required, int min, int max) {
    String value = params.get(key);
    if (value == null) {
      return required
          ? List.of("parameter '" + key + "' is required: an integer from " + min + " to " + max) : List.of();
    }
    try {
      int v = Integer.parseInt(value.strip());
      return v < min || v > max
          ? List.of("parameter '" + key + "' must be from " + min + " to " + max + ", got " + v) : List.of();
    } catch (NumberFormatException e) {
      return List.of("parameter '" + key + "' must be an integer from " + min + " to " + max + ", got '"
          + ProcFiles.oneLine(value) + "'");
    }
  }

  /** Problems with the optional duration {@code key} in {@code min..max}. */
  static List<String> checkDuration(Map<String, String> params, String key, Duration min, Duration max) {
    String value = params.get(key);
    if (value == null) {
      return List.of();
    }
    Duration d = parseDuration(value);
    if (d == null) {
      return List.of("parameter '" + key + "' must be a duration such as 500ms, 2s or 1m, got '"
          + ProcFiles.oneLine(value) + "'");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      return List.of("parameter '" + key + "' must be from " + format(min) + " to " + format(max) + ", got "
          + value.strip());
    }
    return List.of();
  }

  static int readInt(Map<String, String> params, String key, int fallback) {
    String value = params.get(key);
    return value == null ? fallback : Integer.parseInt(value.strip());
  }

  static Duration readDuration(Map<String, String> params, String key, Duration fallback) {
    String value = params.get(key);
    return value == null ? fallback : parseDuration(value);
  }

  /** {@code 500ms}, {@code 2s}, {@code 1m}; null when the text is not one of those forms. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  /** The shortest of {@code 250ms}, {@code 2s}, {@code 1m} that is exact. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
