package dev.medic.actions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a process environment into text that is safe to put in an evidence bundle.
 *
 * <p>Why: evidence bundles leave the host. They are attached to tickets and sent to vendors, and a process
 * environment is where services keep database passwords, API tokens and connection strings. So a variable whose
 * name looks secret loses its value, and credentials embedded in URLs ({@code scheme://user:pass@host}) lose
 * their user-info part. The rules err on the side of redacting too much ({@code SSH_AUTH_SOCK},
 * {@code XDG_SESSION_ID}): a missing value costs a question, a leaked one costs a rotation.
 */
public final class EnvironmentRedactor {

  public static final String REDACTED = "<redacted>";

  /** A variable whose upper-cased name contains one of these has its whole value redacted. */
  static final List<String> SECRET_KEY_PARTS = List.of("PASS", "PASSWD", "PASSWORD", "SECRET", "TOKEN", "KEY",
      "CREDENTIAL", "AUTH", "PRIVATE", "SESSION", "COOKIE", "SIGNATURE", "DSN");

  /** Secret variables whose names match no part above ({@code PWD} alone is the working directory). */
  static final Set<String> SECRET_KEYS = Set.of("MYSQL_PWD");

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

  private EnvironmentRedactor() {}

  /**
   * Redacts {@code /proc/<pid>/environ} content (NUL-separated {@code KEY=value}) into one {@code KEY=value} per
   * line. Newlines and carriage returns inside values are written as {@code \n} and {@code \r} so a value cannot
   * forge extra lines.
   */
  public static String redact(byte[] environ) {
    StringBuilder out = new StringBuilder();
    for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String key = eq < 0 ? entry : entry.substring(0, eq);
      String value = eq < 0 ? null : entry.substring(eq + 1);
      out.append(oneLine(key));
      if (value != null) {
        out.append('=').append(isSecretKey(key) ? REDACTED : oneLine(redactUrlUserinfo(value)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** True when the name (any case) contains one of {@link #SECRET_KEY_PARTS} or is in {@link #SECRET_KEYS}. */
  public static boolean isSecretKey(String key) {
    String upper = key.toUpperCase(Locale.ROOT);
    return SECRET_KEYS.contains(upper) || SECRET_KEY_PARTS.stream().anyMatch(upper::contains);
  }

  /**
   * A command line with its secrets hidden: URL passwords, and the value of any option whose name looks secret,
   * written {@code --password=x}, {@code --api-key:x} or {@code --token x}. Command lines end up in the journal and
   * in evidence that gets shared, and people do pass secrets as arguments.
   */
  public static String redactCommandLine(String cmdline) {
    String[] args = redactUrlUserinfo(cmdline).split(" ", -1);
    for (int i = 0; i < args.length; i++) {
      Matcher joined = OPTION_WITH_VALUE.matcher(args[i]);
      if (joined.matches() && isSecretKey(joined.group(2))) {
        args[i] = joined.group(1) + joined.group(3) + REDACTED;
      } else if (OPTION.matcher(args[i]).matches() && isSecretKey(args[i].replaceFirst("^-+", ""))
          && i + 1 < args.length && !args[i + 1].startsWith("-") && !args[i + 1].isEmpty()) {
        args[++i] = REDACTED;
      }
    }
    return String.join(" ", args);
  }

  private static final java.util.regex.Pattern OPTION_WITH_VALUE =
      java.util.regex.Pattern.compile("(-{1,2}([A-Za-z][A-Za-z0-9_.-]*))([=:]).+");
  private static final java.util.regex.Pattern OPTION = java.util.regex.Pattern.compile("-{1,2}[A-Za-z][A-Za-z0-9_.-]*");

  /**
   * Replaces the user-info of every URL in {@code text} with {@link #REDACTED}, keeping scheme and host:
   * {@code postgres://app:hunter2@db/x} becomes {@code postgres://<redacted>@db/x}. Also used on command lines.
   *
   * <p>A URL runs to the next whitespace or the next {@code scheme://}, and its user-info to its LAST {@code @}.
   * Passwords are often not percent-encoded and contain {@code @}, {@code /} or {@code +} (base64), so the part
   * before that {@code @} counts as user-info when it holds a {@code :} or no {@code /}. That also catches
   * {@code http://host:80/?mail=a@b} (over-redacted, safely) while leaving {@code http://host/?mail=a@b} alone.
   */
  public static String redactUrlUserinfo(String text) {
    Matcher scheme = SCHEME.matcher(text);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    boolean found = scheme.find();
    while (found) {
      int authority = scheme.end();
      found = scheme.find();
      int end = found ? scheme.start() : text.length();
      for (int i = authority; i < end; i++) {
        if (Character.isWhitespace(text.charAt(i))) {
          end = i;
          break;
        }
      }
      int at = text.lastIndexOf('@', end - 1);
      if (at >= authority) {
        String userinfo = text.substring(authority, at);
        if (userinfo.contains(":") || !userinfo.contains("/")) {
          out.append(text, copied, authority).append(REDACTED);
          copied = at;
        }
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static String oneLine(String s) {
    return s.replace("\n", "\\n").replace("\r", "\\r");
  }
}
