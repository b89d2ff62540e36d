package dev.medic.engine.gate;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.Optional;

/**
 * Advisory mode, Medic's default: read-only captures run, anything that changes the host is only proposed. A
 * runbook may stay advisory on an enforce host, never the reverse.
 */
public final class ModeGate implements Gate {

  private final Mode hostMode;

  public ModeGate(Mode hostMode) {
    this.hostMode = hostMode;
  }

  @Override
  public String name() {
    return "mode";
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (!action.changesHost()) {
      return Optional.empty();
    }
    if (hostMode == Mode.ADVISE) {
      return Optional.of(new Verdict(Decision.Verdict.PROPOSED, "advise mode: changes the host"));
    }
    if (plan.mode().filter(m -> m.equals("advise")).isPresent()) {
      return Optional.of(new Verdict(Decision.Verdict.PROPOSED, "runbook " + plan.runbook() + " is advise-only"));
    }
    return Optional.empty();
  }
}
