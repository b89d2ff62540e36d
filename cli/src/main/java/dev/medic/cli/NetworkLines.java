package dev.medic.cli;

import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.TcpSample;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Network facts as the short lines {@code medic probe} and {@code medic diagnose} both print: a listener with its
 * queue and owner, and the TCP counters that moved, by their kernel names ({@code nstat}'s words).
 */
public final class NetworkLines {

  private NetworkLines() {}

  /** The {@code new…} counters of a tcp sample that moved, by kernel name ({@code ListenOverflows}) → increase. */
  public static Map<String, Long> moved(TcpSample t) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (RecordComponent c : TcpSample.class.getRecordComponents()) {
      if (!c.getName().startsWith("new")) {
        continue;
      }
      try {
        Object v = c.getAccessor().invoke(t);
        if (v instanceof Long n && n > 0) {
          out.put(c.getName().substring(3), n);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** {@code ! 127.0.0.1:8080  queue 2/1 (100%)  java pid 4242 (app.service)}: a full queue marked. */
  public static String listener(ListenerSample l) {
    boolean full = l.backlog() != null && l.acceptQueue() >= l.backlog() && l.backlog() > 0;
    String addr = l.addr().contains(":") ? "[" + l.addr() + "]" : l.addr();
    return String.format(Locale.ROOT, "%s %-22s queue %d/%s%s  %s", full ? "!" : " ", addr + ":" + l.port(),
        l.acceptQueue(), l.backlog() == null ? "?" : l.backlog(),
        l.queuePercent() == null ? "" : String.format(Locale.ROOT, " (%.0f%%)", l.queuePercent()),
        l.pid() == null ? "owner unknown" : Printable.of(l.comm()) + " pid " + l.pid()
            + (l.unit() == null ? "" : " (" + Printable.of(l.unit()) + ")"));
  }

  /** {@code ListenOverflows +3, OutRsts +1}. */
  public static String counters(Map<String, Long> moved) {
    StringBuilder b = new StringBuilder();
    moved.forEach((name, n) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(" +").append(n));
    return b.toString();
  }
}
