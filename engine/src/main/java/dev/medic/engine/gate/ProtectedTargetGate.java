package dev.medic.engine.gate;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.probes.facts.ProcessSample;
import java.util.Optional;
import java.util.Set;

/**
 * Never changes PID 1, kernel threads, Medic itself, or processes an operator protected by name or pid (sshd by
 * default: losing it loses the host). Read-only captures are allowed on any target.
 */
public final class ProtectedTargetGate implements Gate {

  private final Set<String> comms;
  private final Set<Integer> pids;
  private final int selfPid;

  /**
   * @param selfPid Medic's own pid; in replay, the pid of the Medic that recorded, so decisions match
   */
  public ProtectedTargetGate(Set<String> comms, Set<Integer> pids, int selfPid) {
    this.comms = Set.copyOf(comms);
    this.pids = Set.copyOf(pids);
    this.selfPid = selfPid;
  }

  @Override
  public String name() {
    return "protected-target";
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (!action.changesHost()) {
      return Optional.empty();
    }
    return why(plan.target()).map(r -> new Verdict(Decision.Verdict.DENIED, r));
  }

  private Optional<String> why(ProcessSample p) {
    if (p.pid() == 1) {
      return Optional.of("pid 1 is never changed");
    }
    // kthreadd is pid 2 and the parent of every kernel thread
    if (p.kernelThread() || p.pid() == 2 || p.ppid() == 2) {
      return Optional.of("pid " + p.pid() + " is a kernel thread");
    }
    if (p.pid() == selfPid) {
      return Optional.of("pid " + p.pid() + " is Medic itself");
    }
    if (pids.contains(p.pid())) {
      return Optional.of("pid " + p.pid() + " is protected by configuration");
    }
    if (comms.contains(p.comm())) {
      return Optional.of("'" + p.comm() + "' is a protected process");
    }
    return Optional.empty();
  }
}
