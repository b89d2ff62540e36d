package dev.medic.engine.schedule;

import java.text.ParseException;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A Quartz cron expression ({@code "0 0 3 * * ?"}: seconds, minutes, hours, day of month, month, day of week) read
 * in UTC, so a recording replays the same schedule on a machine in another time zone. Only the expression is used,
 * never a Quartz scheduler: times are asked of it with the sweep's timestamp, live or replayed.
 */
public final class Cron {

  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private final String text;
  private final CronExpression expression;

  private Cron(String text, CronExpression expression) {
    this.text = text;
    this.expression = expression;
  }

  /** The expression, or an IllegalArgumentException whose message is one line for the operator. */
  public static Cron parse(String text) {
    if (text == null || text.isBlank() || text.length() > 200) {
      throw new IllegalArgumentException("a cron expression needs 6 or 7 fields, e.g. \"0 0 3 * * ?\"");
    }
    try {
      CronExpression e = new CronExpression(text.trim());
      e.setTimeZone(UTC);
      return new Cron(text.trim(), e);
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("cron \"" + text + "\" is not valid: " + firstLine(e.getMessage())
          + " (fields: seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 3 * * ?\")");
    }
  }

  /** The first time strictly after {@code epochMs} the expression fires; {@code Long.MAX_VALUE} when never. */
  public long nextAfter(long epochMs) {
    Date next = expression.getNextValidTimeAfter(new Date(epochMs));
    return next == null ? Long.MAX_VALUE : next.getTime();
  }

  /** Whether a window of {@code lengthMs} opened by this expression covers {@code epochMs}: [fire, fire + length). */
  public boolean covers(long epochMs, long lengthMs) {
    return nextAfter(epochMs - lengthMs) <= epochMs;
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
