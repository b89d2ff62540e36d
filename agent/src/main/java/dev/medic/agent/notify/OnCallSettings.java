package dev.medic.agent.notify;

import dev.medic.engine.gate.MaintenanceWindow;
import dev.medic.engine.runbook.Values;
import dev.medic.engine.schedule.Cron;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an on-call team configures beside the runbooks: who is told about plans ({@code notify:}) and when Medic
 * must keep its hands off ({@code maintenance:}, windows during which enforce is suspended). One component of
 * {@code MedicConfig}, so the config's record grows by one field for both ({@code notifications} is the
 * {@code notify:} section).
 *
 * <pre>{@code
 * maintenance:
 *   - {name: nightly-patch, cron: "0 0 2 * * ?", duration: 2h}
 *   - {name: db-migration, from: "2026-12-05T01:00:00Z", to: "2026-12-05T03:00:00Z"}
 * }</pre>
 */
public record OnCallSettings(NotifySettings notifications, List<MaintenanceWindow> maintenance) {

  public static final OnCallSettings NONE = new OnCallSettings(NotifySettings.NONE, List.of());

  public OnCallSettings {
    maintenance = List.copyOf(maintenance);
  }

  /** A maintenance window as written: a cron and a duration, or from and to (ISO-8601 instants). */
  public record RawWindow(String name, String cron, String duration, String from, String to) {}

  /** Both sections checked; an IllegalArgumentException starts with the section's key. */
  public static OnCallSettings parse(NotifySettings.Raw notify, List<RawWindow> maintenance, String hostName) {
    return new OnCallSettings(NotifySettings.parse(notify, hostName), windows(maintenance));
  }

  private static List<MaintenanceWindow> windows(List<RawWindow> raw) {
    if (raw == null) {
      return List.of();
    }
    List<MaintenanceWindow> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      RawWindow w = raw.get(i);
      String where = "maintenance[" + i + "]";
      if (w == null || w.name() == null || !w.name().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        throw new IllegalArgumentException(where + ": 'name' must be lower-case letters, digits, '-' and '_'");
      }
      if (!names.add(w.name())) {
        throw new IllegalArgumentException(where + ": a second window named '" + w.name() + "'");
      }
      if ((w.cron() == null) == (w.from() == null)) {
        throw new IllegalArgumentException(where + ": give either cron and duration, or from and to");
      }
      try {
        if (w.cron() != null) {
          if (w.duration() == null || w.to() != null) {
            throw new IllegalArgumentException("a cron window needs 'duration' (and no 'to')");
          }
          out.add(MaintenanceWindow.recurring(w.name(), Cron.parse(w.cron()), Values.duration(w.duration())));
        } else {
          if (w.to() == null || w.duration() != null) {
            throw new IllegalArgumentException("a window with 'from' needs 'to' (and no 'duration')");
          }
          out.add(MaintenanceWindow.between(w.name(), instant(w.from()), instant(w.to())));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + " (" + w.name() + "): " + e.getMessage());
      }
    }
    return out;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an instant such as 2026-12-05T01:00:00Z");
    }
  }
}
