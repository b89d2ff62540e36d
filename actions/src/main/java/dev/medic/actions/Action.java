package dev.medic.actions;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One thing Medic can do to or about a process: capture evidence or change the host. Each action is a small
 * class registered by name in {@link ActionRegistry}.
 *
 * <p>Contract: {@link #run} never throws for a host-side problem (a vanished process, a failing or hanging
 * command, an unwritable file); it returns an {@link ActionResult} saying what happened. It never runs a shell
 * and never passes a process name or command line to one.
 */
public interface Action {

  /** The snake_case name runbooks use, e.g. {@code capture_pmap}. */
  String name();

  /**
   * True when the action changes the host (tuning, signalling, restarting). Advisory mode runs only actions for
   * which this is false and records the others as proposed.
   */
  boolean changesHost();

  /** The parameter names it takes; the loader refuses any other, with a did-you-mean. */
  default Set<String> parameters() {
    return Set.of();
  }

  /**
   * Problems with the parameters a runbook gives, as human sentences that name the parameter as {@code 'name'}
   * (the loader matches on it when the value is filled from the plan and cannot be checked yet); empty when they
   * are fine.
   */
  default List<String> validate(Map<String, String> params) {
    return List.of();
  }

  /** Runs the action; blocking, with the context's timeout. */
  ActionResult run(ActionContext context) throws InterruptedException;
}
