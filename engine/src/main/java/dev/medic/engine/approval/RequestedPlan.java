package dev.medic.engine.approval;

import dev.medic.engine.journal.ApprovalRequestedEvent;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.runbook.Guards;
import dev.medic.engine.runbook.Severity;
import dev.medic.probes.facts.ProcessSample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one-action plan an approval carries out, rebuilt from its request line alone: the same plan whether the
 * approval was requested a second ago or before a restart, so the recheck and the executor see the same thing.
 */
final class RequestedPlan {

  private RequestedPlan() {}

  static Plan of(ApprovalRequestedEvent r) {
    ProcessSample target = new ProcessSample(r.ts(), r.pid(), r.ppid(), r.comm(), "", 0, "", 0, null, null, null,
        null, null, null, false, r.startTime(), null, null, null, null, null, null);
    Guards guards = new Guards(Duration.ofMillis(r.cooldownMs()), Optional.ofNullable(r.maxPerHour()), true, false);
    return new Plan(r.incident(), r.runbook(), r.runbook() + "#approval", r.ts(), Severity.WARNING, r.scope(), target,
        List.of("approved: " + r.id()), r.action() + " on " + r.comm() + " (pid " + r.pid() + ")", "",
        List.of(new PlannedAction(r.action(), r.params(), true)), Optional.ofNullable(r.mode()), guards, List.of());
  }
}
