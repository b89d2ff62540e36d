package dev.medic.probes.proc.net;

/**
 * Hex numbers as the network files print them, in the one letter case each file uses ({@code tcp} and
 * {@code route} print {@code %08X}, {@code ipv6_route} and {@code stat/nf_conntrack} {@code %08x}): a digit in the
 * other case is damage, not a value, and is refused rather than read as a different number.
 */
final class Hex {

  private Hex() {}

  /** 1..{@code maxDigits} hex digits in the given case as a number; null for anything else. */
  static Long parse(String text, int maxDigits, boolean upperCase) {
    if (text.isEmpty() || text.length() > maxDigits || text.length() > 15) {
      return null;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = digit(text.charAt(i), upperCase);
      if (digit < 0) {
        return null;
      }
      value = value << 4 | digit;
    }
    return value;
  }

  /** An even count of hex digits in the given case as bytes, most significant first; null for anything else. */
  static byte[] bytes(String text, boolean upperCase) {
    if (text.isEmpty() || text.length() % 2 != 0) {
      return null;
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int high = digit(text.charAt(2 * i), upperCase);
      int low = digit(text.charAt(2 * i + 1), upperCase);
      if (high < 0 || low < 0) {
        return null;
      }
      out[i] = (byte) (high << 4 | low);
    }
    return out;
  }

  private static int digit(char c, boolean upperCase) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char a = upperCase ? 'A' : 'a';
    return c >= a && c <= a + 5 ? c - a + 10 : -1;
  }
}
