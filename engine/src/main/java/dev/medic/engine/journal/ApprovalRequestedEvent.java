package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host-changing action of a {@code requireApproval} runbook waits for a person. The line holds everything needed
 * to carry the action out and to check it again later (target, parameters, the runbook's guards), so pending
 * approvals are rebuilt from the journal alone after a restart, without the plan or the runbooks.
 *
 * @param at when it was requested, epoch milliseconds (the sweep's time live)
 * @param id the approval's id, {@code a-} and 12 hex digits derived from incident and action
 * @param ts the plan's sample time
 * @param ppid the target's parent pid (the protected-target gate's kernel-thread test)
 * @param startTime the target's start time, epoch milliseconds; absent when it was not read
 * @param params the action's parameters, filled from the plan
 * @param expiresAt from then on it can no longer be approved
 * @param cooldownMs the runbook's cooldown: the same action on the same scope is not carried out twice within it
 * @param maxPerHour the runbook's maxPerHour, absent when it has none
 * @param mode the runbook's own mode override, absent when it has none
 */
@JsonTypeName("approval_requested")
@JsonPropertyOrder({"at", "id", "ts", "incident", "runbook", "scope", "pid", "ppid", "comm", "startTime", "action",
    "params", "expiresAt", "cooldownMs", "maxPerHour", "mode"})
public record ApprovalRequestedEvent(
    long at,
    String id,
    long ts,
    String incident,
    String runbook,
    String scope,
    int pid,
    int ppid,
    String comm,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long startTime,
    String action,
    Map<String, String> params,
    long expiresAt,
    long cooldownMs,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxPerHour,
    @JsonInclude(JsonInclude.Include.NON_NULL) String mode) implements JournalEvent {

  public ApprovalRequestedEvent {
    params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
  }
}
