package dev.medic.actions;

import static java.util.Map.entry;

import dev.medic.actions.builtin.CaptureConntrackAction;
import dev.medic.actions.builtin.CaptureDnsAction;
import dev.medic.actions.builtin.CaptureIdentityAction;
import dev.medic.actions.builtin.CaptureLinksAction;
import dev.medic.actions.builtin.CaptureListenersAction;
import dev.medic.actions.builtin.CaptureLogAction;
import dev.medic.actions.builtin.CaptureLsofAction;
import dev.medic.actions.builtin.CapturePidstatAction;
import dev.medic.actions.builtin.CapturePmapAction;
import dev.medic.actions.builtin.CaptureRulesetAction;
import dev.medic.actions.builtin.CaptureSmapsAction;
import dev.medic.actions.builtin.CaptureSocketsAction;
import dev.medic.actions.builtin.CaptureTcpCountersAction;
import dev.medic.actions.builtin.CaptureTopAction;
import dev.medic.actions.builtin.RestartUnitAction;
import dev.medic.actions.builtin.SetMemoryHighAction;
import dev.medic.actions.builtin.SetOomScoreAdjAction;
import dev.medic.actions.builtin.SetSwappinessAction;
import dev.medic.actions.builtin.SetSysctlAction;
import dev.medic.actions.builtin.SignalProcessAction;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The one place runbook names map to actions. Adding an action means one line in {@link #BUILTIN}: an explicit
 * list is greppable and compile-checked, where class-path scanning or static initialisers are neither.
 */
public final class ActionRegistry {

  private static final Map<String, Supplier<Action>> BUILTIN = Map.ofEntries(
      entry(CaptureIdentityAction.NAME, CaptureIdentityAction::new),
      entry(CaptureLogAction.NAME, CaptureLogAction::new),
      entry(CaptureLsofAction.NAME, CaptureLsofAction::new),
      entry(CapturePidstatAction.NAME, CapturePidstatAction::new),
      entry(CapturePmapAction.NAME, CapturePmapAction::new),
      entry(CaptureSmapsAction.NAME, CaptureSmapsAction::new),
      entry(CaptureTopAction.NAME, CaptureTopAction::new),
      entry(RestartUnitAction.NAME, RestartUnitAction::new),
      entry(SetMemoryHighAction.NAME, SetMemoryHighAction::new),
      entry(SetOomScoreAdjAction.NAME, SetOomScoreAdjAction::new),
      entry(SetSwappinessAction.NAME, SetSwappinessAction::new),
      entry(SignalProcessAction.NAME, SignalProcessAction::new),
      entry(CaptureSocketsAction.NAME, CaptureSocketsAction::new),
      entry(CaptureListenersAction.NAME, CaptureListenersAction::new),
      entry(CaptureTcpCountersAction.NAME, CaptureTcpCountersAction::new),
      entry(CaptureConntrackAction.NAME, CaptureConntrackAction::new),
      entry(CaptureRulesetAction.NAME, CaptureRulesetAction::new),
      entry(CaptureLinksAction.NAME, CaptureLinksAction::new),
      entry(CaptureDnsAction.NAME, CaptureDnsAction::new),
      entry(SetSysctlAction.NAME, SetSysctlAction::new));

  private final Map<String, Supplier<Action>> factories;

  private ActionRegistry(Map<String, Supplier<Action>> factories) {
    this.factories = factories;
  }

  /** The actions shipped with Medic. */
  public static ActionRegistry builtin() {
    return new ActionRegistry(BUILTIN);
  }

  /** A new instance of the action registered as {@code name}, or empty for an unknown name. */
  public Optional<Action> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(factories.get(name)).map(Supplier::get);
  }

  /** Every registered name, sorted (for listings, {@code --enable-action} flags and did-you-mean hints). */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(factories.keySet()));
  }
}
