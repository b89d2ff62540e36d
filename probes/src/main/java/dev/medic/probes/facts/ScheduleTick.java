package dev.medic.probes.facts;

/**
 * A runbook's {@code schedule:} came due: the engine adds one to the first sweep at or after each time the cron
 * expression names, for that runbook only, so a nightly report or a periodic check run is a rule like any other.
 * It is derived from the sweep's clock, never recorded: a replay fires the same ticks on the recording's clock.
 *
 * @param runbook the scheduled runbook's id (the key)
 * @param cron the expression, as written
 * @param dueAt the time the expression named, epoch milliseconds (the sweep that carries it may be later)
 */
@Key("runbook")
@Occurrence
public record ScheduleTick(long timestamp, String runbook, String cron, long dueAt) implements Fact {

  public static final String TYPE = "schedule";

  @Override
  public String type() {
    return TYPE;
  }
}
