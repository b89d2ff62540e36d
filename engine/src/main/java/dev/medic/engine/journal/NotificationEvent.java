package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What became of one notification to one sink (live only: replays notify nobody). Written when it was delivered,
 * when the sink gave up after its retries, and when the queue was full and it was dropped, so an operator can see
 * who was told about an incident and who was not.
 *
 * @param at wall clock when the outcome was known, epoch milliseconds
 * @param incident the incident the notification was about
 * @param runbook the runbook of the incident
 * @param sink the configured sink's name
 * @param outcome {@code delivered}, {@code failed} (retries spent) or {@code dropped} (queue full, or stopping)
 * @param attempts how many times it was sent (0 when dropped)
 * @param detail the last error, in words; absent when delivered
 */
@JsonTypeName("notification")
@JsonPropertyOrder({"at", "incident", "runbook", "sink", "outcome", "attempts", "detail"})
public record NotificationEvent(
    long at,
    String incident,
    String runbook,
    String sink,
    String outcome,
    int attempts,
    @JsonInclude(JsonInclude.Include.NON_NULL) String detail) implements JournalEvent {}
