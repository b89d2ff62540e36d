package dev.medic.cli;

import java.util.Locale;

/** Human sizes the way {@code free -h} prints them: 1024-based, one decimal below 10. */
final class Sizes {

  private static final String[] UNITS = {"B", "K", "M", "G", "T", "P"};

  private Sizes() {}

  static String human(Long bytes) {
    if (bytes == null) {
      return "-";
    }
    double v = bytes;
    int u = 0;
    while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + "B" : String.format(Locale.ROOT, v < 10 ? "%.1f%s" : "%.0f%s", v, UNITS[u]);
  }

  static String percent(Double p) {
    return p == null ? "-" : String.format(Locale.ROOT, "%.1f%%", p);
  }
}
