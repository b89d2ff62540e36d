package dev.medic.probes.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The redaction policy: what Medic hides from command lines, environments and captured text before any of it
 * leaves the process (the journal, recordings, evidence, {@code medic probe}, the console). Evidence bundles are
 * attached to tickets and sent to vendors, and processes carry database passwords and API tokens in their
 * arguments and environments. The rules err on the side of redacting too much ({@code SSH_AUTH_SOCK}, the word
 * after {@code --no-password}): a missing value costs a question, a leaked one costs a rotation.
 *
 * <p>Hidden, as {@value #REDACTED}: the value of an option whose name looks secret ({@code --password=x},
 * {@code --password x} even when {@code x} starts with {@code -}, {@code -token:x}); {@code -p<password>} (mysql's
 * form); {@code KEY=VALUE} and {@code key:value} words whose key looks secret ({@code GITHUB_PAT=…}); URL
 * credentials ({@code scheme://user:pass@host}); the credentials after {@code Bearer}, {@code Basic},
 * {@code Digest} and after a secret-looking header name ({@code Authorization: …}). A name looks secret
 * (any case) when it contains one of {@link #SECRET_PARTS}, has one of {@link #SECRET_WORDS} as a whole word
 * between {@code _ - .}, or is one of {@link #SECRET_NAMES}.
 *
 * <p>Every function is one linear pass (no backtracking regex: a 100 KB run of letters costs what 100 KB of any
 * text costs), and a command line's result is cut at {@value #MAX_LINE} characters. Redaction happens before
 * escaping and cutting, so a cut never shows half a secret that was whole before it.
 *
 * <p>Limits (documented in {@code docs/redaction.md}): words are split at spaces, so a secret inside a quoted JSON
 * argument ({@code '{"password":"x"}'}) or after an unknown flag name ({@code --db-pw-file-contents x}) is kept; a
 * command line the probes cut at 64 KiB may end inside a URL whose credentials then lose their {@code @}.
 */
public final class Redaction {

  public static final String REDACTED = "<redacted>";

  /** A command line is cut here (after redaction) with {@code …[cut]}: no output of a process is unbounded. */
  public static final int MAX_LINE = 128 * 1024;

  /** A name whose upper-cased form contains one of these is secret. */
  public static final List<String> SECRET_PARTS = List.of("PASS", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "CREDS",
      "AUTH", "PRIVATE", "SESSION", "COOKIE", "SIGNATURE", "DSN");

  /** Secret as whole words only: {@code GITHUB_PAT}, {@code DB_PWD}, but not {@code PATH} or {@code PWD}. */
  public static final Set<String> SECRET_WORDS = Set.of("PAT", "PWD", "PW", "PIN", "OTP");

  /** Secret by their whole name. */
  public static final Set<String> SECRET_NAMES = Set.of("MYSQL_PWD");

  /** Working directories, never secret although {@code PWD} is a secret word. */
  private static final Set<String> NOT_SECRET = Set.of("PWD", "OLDPWD");

  private static final Set<String> AUTH_SCHEMES = Set.of("bearer", "basic", "digest", "token", "negotiate");

  private Redaction() {}

  /** True when the name (any case) looks secret; see the class comment. Linear in the name. */
  public static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (NOT_SECRET.contains(upper)) {
      return false;
    }
    if (SECRET_NAMES.contains(upper)) {
      return true;
    }
    for (String part : SECRET_PARTS) {
      if (upper.contains(part)) {
        return true;
      }
    }
    int start = 0;
    for (int i = 0; i <= upper.length(); i++) {
      if (i == upper.length() || upper.charAt(i) == '_' || upper.charAt(i) == '-' || upper.charAt(i) == '.') {
        if (i > start && SECRET_WORDS.contains(upper.substring(start, i))) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /**
   * A command line (arguments joined by single spaces) with its secrets hidden, control characters escaped
   * ({@link Printable#line}) and cut at {@link #MAX_LINE}: what every exit shows of a process's arguments.
   * Idempotent: redacting a redacted line changes nothing.
   */
  public static String commandLine(String cmdline) {
    return cut(Printable.line(words(cmdline)));
  }

  /**
   * {@link #commandLine}'s redaction and cut without the escaping: for JSON writers (recordings), whose encoder
   * escapes control characters itself, so a fact reads back exactly as it was written.
   */
  public static String secrets(String cmdline) {
    return cut(words(cmdline));
  }

  /**
   * Captured text (a tool's output, a status file, a log) with {@link #commandLine}'s rules applied to each line,
   * control characters other than newline and tab escaped: what goes into an evidence file.
   */
  public static String text(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    int start = 0;
    while (start <= text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      out.append(Printable.text(words(text.substring(start, end))));
      if (nl < 0) {
        break;
      }
      out.append('\n');
      start = nl + 1;
    }
    return out.toString();
  }

  /**
   * {@code /proc/<pid>/environ} (NUL-separated {@code KEY=value}) as one {@code KEY=value} per line: a secret name
   * loses its whole value, any other value gets {@link #commandLine}'s rules (URL credentials,
   * {@code -Dx.password=…} inside {@code JAVA_OPTS}); control characters are escaped so a value cannot forge lines.
   */
  public static String environment(byte[] environ) {
    StringBuilder out = new StringBuilder();
    String all = new String(environ, StandardCharsets.UTF_8);
    int start = 0;
    while (start < all.length()) {
      int nul = all.indexOf('\0', start);
      int end = nul < 0 ? all.length() : nul;
      if (end > start) {
        String entry = all.substring(start, end);
        int eq = entry.indexOf('=');
        String key = eq < 0 ? entry : entry.substring(0, eq);
        out.append(Printable.line(key));
        if (eq >= 0) {
          out.append('=').append(isSecretName(key) ? REDACTED : commandLine(entry.substring(eq + 1)));
        }
        out.append('\n');
      }
      start = end + 1;
    }
    return out.toString();
  }

  /**
   * Every URL's user-info replaced by {@link #REDACTED}, scheme and host kept:
   * {@code postgres://app:hunter2@db/x} becomes {@code postgres://<redacted>@db/x}. A URL runs to the next
   * whitespace or the next {@code ://}, its user-info to its LAST {@code @} (passwords are often not
   * percent-encoded and hold {@code @}, {@code /} or {@code +}); the part before that {@code @} counts as
   * user-info when it holds a {@code :} or no {@code /}, so {@code http://host:80/?mail=a@b} is over-redacted,
   * safely, and {@code http://host/?mail=a@b} is kept. Linear: each character is looked at a bounded number of times.
   */
  public static String urlCredentials(String text) {
    int sep = text.indexOf("://");
    if (sep < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (sep >= 0) {
      int authority = sep + 3;
      int next = text.indexOf("://", authority);
      int end = next < 0 ? text.length() : next;
      int at = -1;
      int slash = -1;
      boolean colon = false;
      for (int i = authority; i < end; i++) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          end = i;
          break;
        }
        if (c == '@') {
          at = i;
        }
      }
      if (at >= authority && schemeBefore(text, sep, copied)) {
        for (int i = authority; i < at; i++) {
          char c = text.charAt(i);
          colon |= c == ':';
          if (c == '/' && slash < 0) {
            slash = i;
          }
        }
        if (colon || slash < 0) {
          out.append(text, copied, authority).append(REDACTED);
          copied = at;
        }
      }
      sep = next;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** A scheme (a letter, then letters, digits, {@code + . -}) ends at {@code sep}; looks back no further than from. */
  private static boolean schemeBefore(String text, int sep, int from) {
    int i = sep;
    while (i > from && isSchemeChar(text.charAt(i - 1))) {
      i--;
    }
    while (i < sep && !Character.isLetter(text.charAt(i))) {
      i++;
    }
    return i < sep && text.charAt(i) < 0x80;
  }

  private static boolean isSchemeChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.'
        || c == '-';
  }

  /** The word rules over text split at single spaces; no escaping. */
  private static String words(String line) {
    String text = urlCredentials(line);
    StringBuilder out = new StringBuilder(text.length() + 16);
    boolean hideNext = false;
    int start = 0;
    while (start <= text.length()) {
      int space = text.indexOf(' ', start);
      int end = space < 0 ? text.length() : space;
      String word = text.substring(start, end);
      if (hideNext && !word.isEmpty()) {
        hideNext = false;
        if (AUTH_SCHEMES.contains(word.toLowerCase(Locale.ROOT))) {
          out.append(word);
          hideNext = true;
        } else {
          out.append(REDACTED);
        }
      } else {
        Word w = word(word);
        out.append(w.text);
        hideNext |= w.hidesNext;
      }
      if (space < 0) {
        break;
      }
      out.append(' ');
      start = space + 1;
    }
    return out.toString();
  }

  private record Word(String text, boolean hidesNext) {}

  /** One word: an option, a {@code KEY=VALUE}, an auth scheme, or text. */
  private static Word word(String word) {
    if (word.isEmpty() || word.equals(REDACTED)) {
      return new Word(word, false);
    }
    if (AUTH_SCHEMES.contains(word.toLowerCase(Locale.ROOT))) {
      return new Word(word, true); // Bearer <token>, Basic <base64>
    }
    int dashes = 0;
    while (dashes < word.length() && dashes < 2 && word.charAt(dashes) == '-') {
      dashes++;
    }
    int nameEnd = dashes;
    while (nameEnd < word.length() && isNameChar(word.charAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd == dashes) {
      return new Word(word, false);
    }
    String name = word.substring(dashes, nameEnd);
    if (nameEnd == word.length()) {
      if (dashes == 1 && name.length() > 1 && name.charAt(0) == 'p' && !isSecretName(name)) {
        return new Word("-p" + REDACTED, false); // mysql -phunter2
      }
      // --password <value>: the next word is the value, whatever it starts with
      return new Word(word, dashes > 0 && isSecretName(name));
    }
    char sep = word.charAt(nameEnd);
    if ((sep == '=' || sep == ':') && isSecretName(name)) {
      if (nameEnd + 1 == word.length()) {
        return new Word(word, true); // Authorization: <value>, --password= <value>
      }
      String value = word.substring(nameEnd + 1);
      // Authorization:Bearer <token>: the scheme stays, the credentials after it go
      boolean scheme = AUTH_SCHEMES.contains(value.toLowerCase(Locale.ROOT));
      return new Word(word.substring(0, nameEnd + 1) + (scheme ? value : REDACTED), scheme);
    }
    if (dashes == 1 && name.charAt(0) == 'p') {
      return new Word("-p" + REDACTED, false); // -p<password> with symbols in it: -phun@ter2
    }
    return new Word(word, false);
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
        || c == '-';
  }

  private static String cut(String text) {
    return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE) + "…[cut]";
  }
}
