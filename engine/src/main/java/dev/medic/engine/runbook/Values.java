package dev.medic.engine.runbook;

import dev.medic.probes.facts.FieldKind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the values runbook authors write: durations ({@code 30s}), sizes ({@code 512MiB}), percentages
 * ({@code 90%}). Every method either returns a value in the base unit or throws {@link IllegalArgumentException}
 * with a sentence the validator shows as is.
 */
public final class Values {

  /**
   * Text values allowed in conditions. They end up inside DRL string literals, so quotes, backslashes and
   * anything that could close the literal are refused rather than escaped.
   */
  public static final Pattern SAFE_TEXT = Pattern.compile("[A-Za-z0-9_./:@+=,-]{0,200}");

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
  private static final Map<String, Long> SIZE_UNITS = Map.ofEntries(
      Map.entry("", 1L), Map.entry("b", 1L),
      Map.entry("k", 1L << 10), Map.entry("kib", 1L << 10), Map.entry("kb", 1000L),
      Map.entry("m", 1L << 20), Map.entry("mib", 1L << 20), Map.entry("mb", 1000_000L),
      Map.entry("g", 1L << 30), Map.entry("gib", 1L << 30), Map.entry("gb", 1000_000_000L),
      Map.entry("t", 1L << 40), Map.entry("tib", 1L << 40), Map.entry("tb", 1000_000_000_000L));

  private Values() {}

  /** The longest duration Medic takes anywhere: a year. Longer ones are a typo, and overflow milliseconds. */
  public static final Duration MAX_DURATION = Duration.ofDays(366);

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}; at most {@link #MAX_DURATION}. */
  public static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (text.length() > 64 || !m.matches()) {
      throw new IllegalArgumentException(
          "'" + Echo.of(text) + "' is not a duration; write a whole number and a unit: 500ms, 30s, 2m, 1h, 1d");
    }
    Duration d;
    try {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (NumberFormatException | ArithmeticException e) { // more digits than a long holds, or overflow
      d = MAX_DURATION.plusDays(1);
    }
    if (d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("'" + Echo.of(text) + "' is longer than the longest duration Medic takes ("
          + MAX_DURATION.toDays() + "d)");
    }
    return d;
  }

  /** Converts a condition's right-hand side to the field's base unit. */
  public static Object forField(FieldKind kind, String text, Operator op) {
    String t = text.trim();
    return switch (kind) {
      case BYTES -> (double) bytes(t);
      case PERCENT -> percent(t);
      case NUMBER -> number(t);
      case FLAG -> {
        requireEquality(op, "true or false");
        if (!t.equals("true") && !t.equals("false")) {
          throw new IllegalArgumentException("'" + Echo.of(text) + "' is not true or false");
        }
        yield Boolean.valueOf(t);
      }
      case TEXT -> {
        requireEquality(op, "text");
        String unquoted = unquote(t);
        if (!SAFE_TEXT.matcher(unquoted).matches()) {
          throw new IllegalArgumentException("'" + Echo.of(text) + "' may hold only letters, digits and _ . / : @ + = , -");
        }
        yield unquoted;
      }
    };
  }

  /** The most values a set ({@code in [...]}) may list. */
  static final int MAX_SET = 64;

  /**
   * The texts of {@code [a, b, "c"]} for {@code in} and {@code not in}: safe text each, separated by commas, at least
   * one and at most {@link #MAX_SET}, no repeats.
   */
  public static List<String> textSet(String text) {
    String t = text.trim();
    if (!t.startsWith("[") || !t.endsWith("]")) {
      throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a set; write [a, b, c]");
    }
    String inside = t.substring(1, t.length() - 1).trim();
    if (inside.isEmpty()) {
      throw new IllegalArgumentException("the set is empty");
    }
    List<String> out = new java.util.ArrayList<>();
    for (String item : inside.split(",", -1)) {
      String unquoted = unquote(item.trim());
      if (unquoted.isEmpty() || !SAFE_TEXT.matcher(unquoted).matches()) {
        throw new IllegalArgumentException("'" + Echo.of(item.trim()) + "' in the set: each value must be non-empty text of "
            + "letters, digits and _ . / : @ + = -, separated by commas");
      }
      if (out.contains(unquoted)) {
        throw new IllegalArgumentException("'" + Echo.of(unquoted) + "' is in the set twice");
      }
      out.add(unquoted);
    }
    if (out.size() > MAX_SET) {
      throw new IllegalArgumentException("the set has " + out.size() + " values; at most " + MAX_SET);
    }
    return List.copyOf(out);
  }

  /** {@code 512MiB}, {@code 2G} (binary), {@code 500MB} (decimal), or a number of bytes. */
  public static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim());
    Long unit = m.matches() ? SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
    if (unit == null) {
      throw new IllegalArgumentException(
          "'" + Echo.of(text) + "' is not a size; write e.g. 512MiB, 2GiB, 500MB or a number of bytes");
    }
    return Math.round(Double.parseDouble(m.group(1)) * unit);
  }

  private static double percent(String text) {
    String t = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
    double v;
    try {
      if (!NUMBER.matcher(t).matches()) {
        throw new NumberFormatException();
      }
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a percentage; write e.g. 90%");
    }
    if (v < 0 || v > 100 || Double.isNaN(v)) {
      throw new IllegalArgumentException("'" + Echo.of(text) + "' is outside 0% to 100%");
    }
    return v;
  }

  /** Plain decimal numbers only: Java's parser would also take 0x1p3, 5d or NaN. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private static double number(String text) {
    try {
      if (!NUMBER.matcher(text).matches()) {
        throw new NumberFormatException();
      }
      double v = Double.parseDouble(text);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a number");
    }
  }

  private static void requireEquality(Operator op, String what) {
    if (op.isOrdering()) {
      throw new IllegalArgumentException("only == and != compare " + what + ", not " + op.symbol());
    }
  }

  private static String unquote(String t) {
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }
}
