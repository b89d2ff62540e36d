package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent stopped cleanly: its last line. A journal whose last start has no stop after it belongs to an agent
 * that was killed or crashed.
 *
 * @param at wall clock, epoch milliseconds
 * @param sweeps sweeps done since the start
 * @param errors sweeps (or recorder writes) that failed
 * @param actionFailures actions that could not run (unknown, threw, no evidence folder)
 * @param metrics every counter, {@code name{tag=value,…}} to its count, in the order written
 */
@JsonTypeName("stop")
@JsonPropertyOrder({"at", "sweeps", "errors", "actionFailures", "metrics"})
public record StopEvent(long at, long sweeps, long errors, long actionFailures, Map<String, Double> metrics)
    implements JournalEvent {

  public StopEvent {
    metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }
}
