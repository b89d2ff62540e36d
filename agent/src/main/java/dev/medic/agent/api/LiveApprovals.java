package dev.medic.agent.api;

import dev.medic.engine.approval.Approval;
import dev.medic.engine.approval.ApprovalBook;
import dev.medic.engine.approval.Outcome;
import dev.medic.engine.exec.ActionExecutor;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.runtime.EngineListener;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The approval book driven live: the engine's approval-gated proposals open approvals, the API approves or denies
 * them on the wall clock, and an approved action that passes the other gates again goes to the live executor (a
 * one-action plan: the approval carries out exactly that action). Sweeps expire what nobody decided.
 */
public final class LiveApprovals implements EngineListener {

  private final ApprovalBook book;
  private final ActionExecutor executor;
  private final Supplier<GateSettings> settings;
  private final int selfPid;
  private final LongSupplier clock;

  /**
   * @param settings the gate settings at the moment of approval (a reload may have changed them since)
   * @param clock epoch milliseconds; the wall clock live
   */
  public LiveApprovals(ApprovalBook book, ActionExecutor executor, Supplier<GateSettings> settings, int selfPid,
      LongSupplier clock) {
    this.book = book;
    this.executor = executor;
    this.settings = settings;
    this.selfPid = selfPid;
    this.clock = clock;
  }

  @Override
  public void awaitsApproval(Plan plan, PlannedAction action, Decision decision) {
    book.request(plan, action, plan.timestamp());
  }

  /** Called every sweep. */
  public void expire(long now) {
    book.expire(now);
  }

  public List<Approval> pending() {
    return book.pending(clock.getAsLong());
  }

  public List<Approval> all() {
    return book.all();
  }

  /** Approves, rechecks and (when every other gate passes) hands the action to the executor. */
  public Outcome approve(String id, String approver, String reason) {
    Outcome o = book.approve(id, approver, reason, clock.getAsLong(), settings.get().recheck(selfPid));
    if (o instanceof Outcome.Carry c) {
      executor.submit(c.plan(), List.of(c.action()));
    }
    return o;
  }

  public Outcome deny(String id, String approver, String reason) {
    return book.deny(id, approver, reason, clock.getAsLong());
  }
}
