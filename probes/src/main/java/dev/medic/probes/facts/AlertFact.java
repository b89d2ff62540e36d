package dev.medic.probes.facts;

/**
 * One alert from Prometheus' Alertmanager, as its webhook delivered it: lets a firing alert ({@code NodeMemoryHigh},
 * {@code TargetDown}) start a diagnosis, and a resolved one show that it ended. Alertmanager re-sends a firing alert
 * at its repeat interval, so this is an occurrence (one delivery), not a sample of a state: count it
 * {@code within} a window, or match it as it arrives.
 *
 * @param fingerprint Alertmanager's fingerprint of the label set (the key); one alert, firing then resolved, keeps
 *     it
 * @param alertname the {@code alertname} label
 * @param status {@code firing} or {@code resolved}
 * @param severity the {@code severity} label
 * @param instance the {@code instance} label
 * @param job the {@code job} label
 * @param labels every label but alertname, as {@code name=value} pairs, sorted by name and joined by {@code ,}
 * @param summary the {@code summary} annotation (or {@code description} when it has none)
 * @param startsAt when the alert started, epoch milliseconds
 * @param endsAt when it ended (resolved alerts), epoch milliseconds
 */
@Key("fingerprint")
@Occurrence
public record AlertFact(
    long timestamp,
    String fingerprint,
    String alertname,
    String status,
    @Nullable String severity,
    @Nullable String instance,
    @Nullable String job,
    String labels,
    @Nullable String summary,
    long startsAt,
    Long endsAt) implements Fact {

  public static final String TYPE = "alert";

  @Override
  public String type() {
    return TYPE;
  }

  /** The same alert, delivered by the sweep at {@code sweepTimestamp}. */
  public AlertFact at(long sweepTimestamp) {
    return new AlertFact(sweepTimestamp, fingerprint, alertname, status, severity, instance, job, labels, summary,
        startsAt, endsAt);
  }
}
