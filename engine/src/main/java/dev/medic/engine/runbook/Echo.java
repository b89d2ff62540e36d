package dev.medic.engine.runbook;

/**
 * How input text is shown back in an error line: control bytes escaped (so an error cannot move the cursor or
 * start an escape sequence in the operator's terminal, nor break the one-line-per-problem shape) and long input
 * cut with an ellipsis, so a megabyte value gives an error line of a few hundred characters.
 */
public final class Echo {

  /** The most characters of input an error line repeats. */
  public static final int MAX_ECHO = 200;
  /** The most characters of one error message (input echoed in it included). */
  public static final int MAX_LINE = 600;

  private Echo() {}

  /** Input for quoting in a message: escaped, at most {@link #MAX_ECHO} characters. */
  public static String of(String text) {
    return bounded(text, MAX_ECHO);
  }

  /** A whole message made one bounded line. */
  public static String line(String message) {
    return bounded(message, MAX_LINE);
  }

  /** Escapes control characters (C0, DEL, C1, line and paragraph separators) and cuts after {@code max}. */
  public static String bounded(String text, int max) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= max) {
        return out.append('…').toString();
      }
      char c = text.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c >= 0x7f && c < 0xa0 || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
