package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.probes.text.Printable;
import dev.medic.probes.text.Redaction;
import java.util.List;
import java.util.Locale;

/**
 * A runbook fired and made a plan for one target; its actions' {@link DecisionEvent}s follow it.
 *
 * @param ts the sweep's time (the recording's clock in replay), epoch milliseconds
 * @param incident the incident id: runbook, UTC time and pid; its evidence folder has this name
 * @param rule which rule of the runbook fired: {@code <runbook>#<n>}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param tags the runbook's tags, for routing; absent when it has none
 * @param scope {@code host} or {@code cgroup <path>}
 * @param cmdline the target's command line with secrets redacted
 * @param reasons why the rule fired, one clause per condition
 * @param advice the runbook's advice, absent when it has none
 * @param actions the planned action names, in order
 */
@JsonTypeName("plan")
@JsonPropertyOrder({"ts", "incident", "runbook", "rule", "severity", "tags", "scope", "pid", "comm", "cmdline",
    "reasons", "summary", "advice", "actions"})
public record PlanEvent(
    long ts,
    String incident,
    String runbook,
    String rule,
    String severity,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
    String scope,
    int pid,
    String comm,
    String cmdline,
    List<String> reasons,
    String summary,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String advice,
    List<String> actions) implements JournalEvent {

  public PlanEvent {
    tags = tags == null ? List.of() : List.copyOf(tags);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    advice = advice == null ? "" : advice;
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** The journal form of a plan. */
  public static PlanEvent of(Plan p) {
    // the journal outlives the incident and gets shared: no secrets passed as arguments
    return new PlanEvent(p.timestamp(), p.incident(), p.runbook(), p.rule(),
        p.severity().name().toLowerCase(Locale.ROOT), p.tags(), p.scope(), p.target().pid(),
        p.target().comm() == null ? null : Printable.line(p.target().comm()),
        p.target().cmdline() == null ? null : Redaction.commandLine(p.target().cmdline()), p.reasons(),
        p.summary(), p.advice(),
        p.actions().stream().map(PlannedAction::action).toList());
  }
}
