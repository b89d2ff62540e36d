package dev.medic.probes.text;

/**
 * The escaping policy for text a process or a file chose (a comm, a command line, a tool's output): control
 * characters (C0, DEL, C1) become {@code \xNN}, the kernel's own escaping, except newline and carriage return,
 * written {@code \n} and {@code \r}. A raw ESC would run escape sequences in
 * the terminal of an operator who {@code cat}s an evidence file; a raw newline or CR would forge lines. One pass,
 * linear in the text; the result is at most four times as long.
 *
 * <p>Limits: a backslash is kept as it is, so a process can write the four characters {@code \x1b} itself; the
 * text then reads like an escaped ESC but is harmless. Non-control Unicode (right-to-left marks included) is kept.
 */
public final class Printable {

  private Printable() {}

  /** For one-line fields (comm, command line, journal detail): every control character escaped, tab and LF too. */
  public static String line(String text) {
    return escape(text, false);
  }

  /** For multi-line text (evidence files): as {@link #line} but newline and tab are kept. */
  public static String text(String text) {
    return escape(text, true);
  }

  /**
   * A JSON document with DEL and C1 characters written as backslash-u escapes (U+007F to U+009F): Jackson
   * escapes C0 but not these, and a terminal can read U+009B as a CSI. The escapes decode to the same string, so
   * a line read back is the same value. Only valid on JSON text (they can only occur inside strings there).
   */
  public static String json(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean control = c == 0x7f || (c >= 0x80 && c < 0xa0);
      if (control && out == null) {
        out = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (control) {
        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? json : out.toString();
  }

  /** Whether the character is one {@link #line} escapes. */
  public static boolean isControl(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static String escape(String text, boolean keepLines) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = isControl(c) && !(keepLines && (c == '\n' || c == '\t'));
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (control && c == '\n') {
        out.append("\\n");
      } else if (control && c == '\r') {
        out.append("\\r");
      } else if (control) {
        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
