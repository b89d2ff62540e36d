package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The outcome of one action the executor ran (live only: replays run nothing).
 *
 * @param ts the plan's time, epoch milliseconds
 * @param at when the action finished, wall clock, epoch milliseconds
 * @param status {@code ok}, {@code failed}, {@code timed_out} or {@code target_gone}
 * @param detail what happened, in words
 * @param evidence the files it wrote, absolute paths
 * @param tookMs how long it ran
 */
@JsonTypeName("action")
@JsonPropertyOrder({"ts", "at", "incident", "runbook", "pid", "action", "status", "detail", "evidence", "tookMs"})
public record ActionEvent(
    long ts,
    long at,
    String incident,
    String runbook,
    int pid,
    String action,
    String status,
    String detail,
    List<String> evidence,
    long tookMs) implements JournalEvent {

  public ActionEvent {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
