package dev.medic.probes.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Picks a few wanted keys out of {@code Key:   value} lines ({@code status}, {@code smaps_rollup}) in place, without
 * the map of every line {@link KernelFiles#colonFields} builds: {@code status} has about 55 lines and Medic needs 4.
 * Same rules as colonFields: the key is the trimmed text before the first colon, the value the trimmed rest of the
 * line, the last line of a key wins, and a non-blank line without a colon is a skipped record.
 *
 * <p>One instance per parse: it holds the value ranges of the last {@link #scan}.
 */
public final class ColonLines {

  private final byte[][] keys;
  private final int[] from;
  private final int[] to;
  private byte[] b;

  /** @param keys the wanted keys, from {@link #keys}; index {@code k} of a key is its position there */
  public ColonLines(byte[][] keys) {
    this.keys = keys;
    this.from = new int[keys.length];
    this.to = new int[keys.length];
  }

  /** The ASCII bytes of each key, made once per parser rather than once per file. */
  public static byte[][] keys(String... names) {
    return Arrays.stream(names).map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
  }

  /**
   * Finds the wanted keys in {@code b[0, length)}.
   *
   * @return how many non-blank lines had no key (no colon, or nothing before it): bad records for the metrics
   */
  public int scan(byte[] b, int length) {
    this.b = b;
    Arrays.fill(from, -1);
    int bad = 0;
    for (int start = 0; start < length; ) {
      int newline = KernelText.indexOf(b, start, length, '\n');
      int end = newline < 0 ? length : newline;
      int colon = KernelText.indexOf(b, start, end, ':');
      if (colon <= start) {
        bad += KernelText.isBlank(b, start, end) ? 0 : 1;
      } else {
        int key = KernelText.trimFrom(b, start, colon);
        match(key, KernelText.trimTo(b, key, colon), colon + 1, end);
      }
      start = end + 1;
    }
    return bad;
  }

  private void match(int keyFrom, int keyTo, int valueFrom, int valueTo) {
    for (int k = 0; k < keys.length; k++) {
      if (Arrays.equals(keys[k], 0, keys[k].length, b, keyFrom, keyTo)) {
        int start = KernelText.trimFrom(b, valueFrom, valueTo);
        from[k] = start;
        to[k] = KernelText.trimTo(b, start, valueTo);
        return;
      }
    }
  }

  /** Whether key {@code k} was on some line. */
  public boolean found(int k) {
    return from[k] >= 0;
  }

  /** Start of the trimmed value of key {@code k}; only when {@link #found}. */
  public int from(int k) {
    return from[k];
  }

  /** End (exclusive) of the trimmed value of key {@code k}; only when {@link #found}. */
  public int to(int k) {
    return to[k];
  }

  /** The value of key {@code k} as a count of kB in bytes; {@link KernelText#NOT_A_NUMBER} if absent or not one. */
  public long kbToBytes(int k) {
    return found(k) ? KernelText.kbToBytes(b, from[k], to[k]) : KernelText.NOT_A_NUMBER;
  }

  /** The value of key {@code k} as a long; {@link KernelText#NOT_A_NUMBER} if absent or not one. */
  public long parseLong(int k) {
    return found(k) ? KernelText.parseLong(b, from[k], to[k]) : KernelText.NOT_A_NUMBER;
  }

  /** The value of key {@code k} as text, for error messages; null if absent. */
  public String text(int k) {
    return found(k) ? KernelText.string(b, from[k], to[k]) : null;
  }
}
