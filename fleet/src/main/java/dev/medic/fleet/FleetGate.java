package dev.medic.fleet;

import dev.medic.engine.exec.ActionHooks;
import dev.medic.engine.gate.Gate;
import dev.medic.engine.journal.FleetDeniedEvent;
import dev.medic.engine.journal.FleetGrantEvent;
import dev.medic.engine.journal.FleetReleaseEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The last gate of an agent in a fleet: a host-changing action runs only under a permit of the fleet. It asks once
 * per plan (one permit covers the plan's host-changing actions), checks the permit again right before each action
 * starts ({@link ActionHooks#beforeStart}), and gives it back after the last one's outcome. A plan with an action
 * that takes the host or the agent down holds a durable permit, given back when the host reports healthy (the
 * first sweep after the actions ended, or after the agent came back).
 *
 * <p>Fails closed: with the coordinator unreachable, the session suspended or lost, the action is proposed (as in
 * advise mode) and the reason journalled. A limit reached denies it. It is live-only: replays never have it, so
 * recorded decisions are unchanged.
 */
public final class FleetGate implements Gate, ActionHooks {

  /** What a plan holds: the permit and how many of its host-changing actions have not ended yet. */
  private static final class Held {
    final Permit permit;
    int pending;
    boolean ended;

    Held(Permit permit, int pending) {
      this.permit = permit;
      this.pending = pending;
    }
  }

  private final FleetCoordinator fleet;
  private final FleetSettings settings;
  private final Journal journal;
  private final Duration actionTimeout;
  private final LongSupplier clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  /** The fleet's stop for the plan being decided, so its other actions get the same one without asking again. */
  private String lastIncident;
  private Optional<Verdict> lastStop = Optional.empty();
  /** Durable permits whose actions ended, or left from before a restart: given back when the host is healthy. */
  private final List<Permit> awaitingHealthy = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FleetGate(FleetCoordinator fleet, FleetSettings settings, Journal journal, Duration actionTimeout,
      LongSupplier clock) {
    this.fleet = fleet;
    this.settings = settings;
    this.journal = journal;
    this.actionTimeout = actionTimeout;
    this.clock = clock;
    fleet.onLost(this::lost);
    awaitingHealthy.addAll(fleet.durablePermits());
  }

  @Override
  public String name() {
    return "fleet";
  }

  @Override
  public Optional<Verdict> check(Plan plan, PlannedAction action) {
    if (!action.changesHost()) {
      return Optional.empty();
    }
    Held h = held.get(plan.incident());
    if (h != null) {
      return Optional.empty(); // the plan's permit covers its other host-changing actions
    }
    if (plan.incident().equals(lastIncident)) {
      return lastStop;
    }
    lastIncident = plan.incident();
    lastStop = ask(plan, action);
    return lastStop;
  }

  private Optional<Verdict> ask(Plan plan, PlannedAction action) {
    FleetLimits limits = settings.limits().over(plan.guards().fleet());
    boolean durable = plan.actions().stream().anyMatch(a -> settings.durable(a.action(), a.params()));
    Grant g = fleet.acquire(new PermitRequest(limits.group(), plan.runbook(), limits.maxHosts(),
        limits.maxSharePerHour(), durable, plan.incident()));
    if (g instanceof Grant.Granted granted) {
      Permit p = granted.permit();
      int pending = (int) plan.actions().stream().filter(PlannedAction::changesHost).count();
      held.put(plan.incident(), new Held(p, pending));
      journal.write(new FleetGrantEvent(clock.getAsLong(), p.serverAt(), plan.incident(), plan.runbook(),
          action.action(), p.group(), p.scope(), p.token(), p.durable(), granted.holders(), limits.maxHosts()));
      return Optional.empty();
    }
    if (g instanceof Grant.Refused refused) {
      deny(plan, action, limits.group(), "denied", refused.reason());
      return Optional.of(new Verdict(Decision.Verdict.DENIED, refused.reason()));
    }
    String why = ((Grant.Unavailable) g).reason() + ": proposed instead (fails closed)";
    deny(plan, action, null, "proposed", why);
    return Optional.of(new Verdict(Decision.Verdict.PROPOSED, why));
  }

  @Override
  public Optional<String> beforeStart(Plan plan, PlannedAction action) {
    if (!action.changesHost()) {
      return Optional.empty();
    }
    Held h = held.get(plan.incident());
    Optional<String> veto = h == null ? Optional.of("no fleet permit any more (session lost)")
        : fleet.confirm(h.permit, actionTimeout);
    veto.ifPresent(why -> deny(plan, action, h == null ? null : h.permit.group(), "skipped", why));
    return veto;
  }

  @Override
  public void finished(Plan plan, PlannedAction action, String status) {
    if (!action.changesHost()) {
      return;
    }
    Held h = held.get(plan.incident());
    if (h == null) {
      return;
    }
    synchronized (h) {
      h.pending--;
      if (h.pending > 0 || h.ended) {
        return;
      }
      h.ended = true;
    }
    held.remove(plan.incident());
    if (h.permit.durable()) {
      awaitingHealthy.add(h.permit);
    } else {
      give(h.permit, "the plan's actions ended (last: " + action.action() + " " + status + ")");
    }
  }

  /** A sweep completed after the actions ended: the host is up, so durable permits go back. */
  public void healthy() {
    for (Permit p : List.copyOf(awaitingHealthy)) {
      awaitingHealthy.remove(p);
      give(p, "host healthy again");
    }
  }

  /** Permits held now, for tests and {@code medic fleet}. */
  public List<Permit> held() {
    List<Permit> out = new ArrayList<>();
    held.values().forEach(h -> out.add(h.permit));
    out.addAll(awaitingHealthy);
    return out;
  }

  private void give(Permit p, String why) {
    fleet.release(p);
    journal.write(new FleetReleaseEvent(clock.getAsLong(), p.incident(), p.group(), p.scope(), p.token(), why));
  }

  private void lost(Permit p) {
    held.values().removeIf(h -> h.permit.path().equals(p.path()));
    journal.write(new FleetReleaseEvent(clock.getAsLong(), p.incident(), p.group(), p.scope(), p.token(),
        "lost with the fleet session: nothing more starts under it"));
  }

  private void deny(Plan plan, PlannedAction action, String group, String outcome, String why) {
    journal.write(new FleetDeniedEvent(clock.getAsLong(), plan.incident(), plan.runbook(), action.action(), group,
        outcome, why));
  }
}
