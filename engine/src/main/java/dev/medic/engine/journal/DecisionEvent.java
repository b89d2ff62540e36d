package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.medic.engine.plan.Decision;

/**
 * What the gates decided for one planned action; it follows its {@link PlanEvent}, same {@code ts} and incident.
 *
 * @param verdict {@code run}, {@code proposed} or {@code denied}
 * @param gate the gate that decided ({@code all} when every gate passed)
 * @param reason why, in words
 */
@JsonTypeName("decision")
@JsonPropertyOrder({"ts", "incident", "runbook", "pid", "comm", "action", "verdict", "gate", "reason"})
public record DecisionEvent(
    long ts,
    String incident,
    String runbook,
    int pid,
    String comm,
    String action,
    String verdict,
    String gate,
    String reason) implements JournalEvent {

  /** The journal form of a decision. */
  public static DecisionEvent of(Decision d) {
    return new DecisionEvent(d.timestamp(), d.incident(), d.runbook(), d.pid(), d.comm(), d.action(),
        d.verdict().word(), d.gate(), d.reason());
  }
}
