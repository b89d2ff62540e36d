package dev.medic.engine.plan;

import dev.medic.engine.runbook.Guards;
import dev.medic.engine.runbook.Severity;
import dev.medic.probes.facts.ProcessSample;
import java.util.List;
import java.util.Optional;

/**
 * What a runbook proposes after a rule matched: a target, the reasons, and the actions in order. Plans are
 * decided on by gates; nothing in a plan has touched the host.
 *
 * @param incident a stable id, {@code <runbook>-<sample time>-<pid>}, so a replay names incidents as the live run did
 * @param timestamp the time of the sample that completed the match
 * @param scope what the trigger matched: {@code host}, {@code cgroup /a/b}, {@code pressure memory}, {@code process 42}
 * @param target the process the actions are about, as sampled in the same sweep
 * @param mode the runbook's own mode override, if any
 * @param guards the runbook's guards, for the gates that enforce them
 * @param tags the runbook's tags, copied to the journal's plan event
 */
public record Plan(
    String incident,
    String runbook,
    String rule,
    long timestamp,
    Severity severity,
    String scope,
    ProcessSample target,
    List<String> reasons,
    String summary,
    String advice,
    List<PlannedAction> actions,
    Optional<String> mode,
    Guards guards,
    List<String> tags) {}
