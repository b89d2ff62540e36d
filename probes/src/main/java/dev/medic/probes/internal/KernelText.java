package dev.medic.probes.internal;

import java.nio.charset.StandardCharsets;

/**
 * Parsing kernel text in place, on the bytes of a {@link ReadBuffer}, for the per-process files read thousands of
 * times a sweep: no String per line or field, no regex. Each helper mirrors the String helper the parsers used
 * before ({@link String#trim()}, {@link Long#parseLong}, {@link KernelFiles#kbToBytes}), so a file parses to the
 * same values either way; ranges are {@code [from, to)}.
 */
public final class KernelText {

  /** What the number parsers return for text that is not a number (no valid value is Long.MIN_VALUE here). */
  public static final long NOT_A_NUMBER = Long.MIN_VALUE;

  private KernelText() {}

  /** As {@link String#trim()}: bytes up to {@code ' '} (control characters too) are trimmed. */
  public static int trimFrom(byte[] b, int from, int to) {
    while (from < to && (b[from] & 0xff) <= ' ') {
      from++;
    }
    return from;
  }

  public static int trimTo(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] & 0xff) <= ' ') {
      to--;
    }
    return to;
  }

  /** The characters of Java's regex {@code \s}: the separators of {@code split("\\s+")}. */
  public static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * The whole range as a decimal long, as {@link Long#parseLong} (an optional sign, then ASCII digits; nothing
   * else, no whitespace); {@link #NOT_A_NUMBER} when it is not one or overflows.
   */
  public static long parseLong(byte[] b, int from, int to) {
    if (from >= to) {
      return NOT_A_NUMBER;
    }
    boolean negative = b[from] == '-';
    int i = negative || b[from] == '+' ? from + 1 : from;
    if (i >= to) {
      return NOT_A_NUMBER;
    }
    long value = 0; // accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE's magnitude fits
    for (; i < to; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
        return NOT_A_NUMBER;
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      return value == Long.MIN_VALUE ? NOT_A_NUMBER : -value;
    }
    return value == Long.MIN_VALUE ? NOT_A_NUMBER : value; // MIN_VALUE itself is never a valid kernel value
  }

  /** The trimmed range as a long, as {@code parseLongOrNull(text.trim())}. */
  public static long parseTrimmedLong(byte[] b, int from, int to) {
    int start = trimFrom(b, from, to);
    return parseLong(b, start, trimTo(b, start, to));
  }

  /**
   * A trimmed value {@code "10348 kB"} as bytes, as {@link KernelFiles#kbToBytes}; {@link #NOT_A_NUMBER} when it is
   * not a non-negative count of kB.
   */
  public static long kbToBytes(byte[] b, int from, int to) {
    if (to - from < 2 || b[to - 2] != 'k' || b[to - 1] != 'B') {
      return NOT_A_NUMBER;
    }
    long kb = parseTrimmedLong(b, from, to - 2);
    if (kb == NOT_A_NUMBER || kb < 0 || kb > Long.MAX_VALUE / 1024) {
      return NOT_A_NUMBER;
    }
    return kb * 1024;
  }

  /** Null for {@link #NOT_A_NUMBER}, for the records whose optional fields are boxed. */
  public static Long boxed(long value) {
    return value == NOT_A_NUMBER ? null : value;
  }

  public static int indexOf(byte[] b, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  public static int lastIndexOf(byte[] b, int from, int to, char c) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The range decoded as UTF-8, as {@link KernelFiles#read} decodes a whole file. */
  public static String string(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * Whether every byte of the range is whitespace, as {@link String#isBlank()} ({@link Character#isWhitespace}) for
   * ASCII; a non-ASCII byte counts as text (so a line of Unicode spaces is a bad record here, which it is).
   */
  public static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0 || !Character.isWhitespace(b[i])) {
        return false;
      }
    }
    return true;
  }
}
