package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * A crossing notifier fired (a memory cgroup rose to its armed threshold) and the agent took the fast path: the
 * largest process in that scope captured in-process at once, then a sweep through the engine out of turn. It says
 * how long each took from the kernel's wakeup, which is what decides whether the evidence outran the OOM killer.
 *
 * @param at wall clock of the wakeup, epoch milliseconds
 * @param source the notifier: {@code cgroup.event_control}, {@code pressure} or {@code poll}
 * @param scope the cgroup's path in the memory hierarchy
 * @param usage bytes charged when the notifier looked; absent when unread
 * @param threshold the armed threshold in bytes; absent for a pressure trigger
 * @param pid the process whose evidence was captured; absent when none could be
 * @param comm that process's command name
 * @param evidence the files written, absolute paths; empty when none
 * @param evidenceMs wakeup to the last evidence file written; absent when none was
 * @param decisionMs wakeup to the engine's decisions on the out-of-turn sweep; absent when the sweep did not run
 * @param incidents incidents the out-of-turn sweep planned; empty when none
 */
@JsonTypeName("crossing")
@JsonPropertyOrder({"at", "source", "scope", "usage", "threshold", "pid", "comm", "evidence", "evidenceMs",
    "decisionMs", "incidents"})
public record CrossingEvent(
    long at,
    String source,
    String scope,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long usage,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long threshold,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer pid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String comm,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> evidence,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long evidenceMs,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long decisionMs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> incidents)
    implements JournalEvent {

  public CrossingEvent {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }
}
