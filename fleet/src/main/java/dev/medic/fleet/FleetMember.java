package dev.medic.fleet;

import dev.medic.engine.exec.ActionHooks;
import dev.medic.engine.gate.GatePipeline;
import dev.medic.engine.journal.Journal;
import java.time.Duration;
import java.util.Optional;

/**
 * This agent's part in a fleet, wired once by the agent: the coordinator, the fleet gate after the standard gates,
 * the hooks the executor calls around each action, and the journal that feeds the fleet view. {@link #alone} is a
 * single host: the gates, hooks and journal are the agent's own, unchanged.
 */
public final class FleetMember implements AutoCloseable {

  private final FleetCoordinator coordinator;
  private final FleetGate gate;
  private final FleetJournal journal;

  private FleetMember(FleetCoordinator coordinator, FleetGate gate, FleetJournal journal) {
    this.coordinator = coordinator;
    this.gate = gate;
    this.journal = journal;
  }

  /** No fleet: Medic works alone, as it always has. */
  public static FleetMember alone() {
    return new FleetMember(Fleet.NONE, null, null);
  }

  /**
   * Joins the fleet the settings name, or works alone without them. A coordinator that cannot be reached does not
   * stop the agent: it starts failing closed (host-changing actions proposed) and joins when the ensemble answers.
   *
   * @param mode the host's mode word ({@code advise}, {@code enforce}), published in the fleet view
   */
  public static FleetMember join(Optional<FleetSettings> settings, String mode, Journal agentJournal,
      Duration actionTimeout) {
    if (settings.isEmpty()) {
      return alone();
    }
    FleetSettings s = settings.get();
    FleetCoordinator c = Fleet.connect(settings, mode);
    FleetJournal j = new FleetJournal(agentJournal, c, s.groups(),
        () -> c.health().usable() ? mode : mode + " (fleet unavailable: " + c.health().reason() + ")");
    FleetGate g = new FleetGate(c, s, j, actionTimeout, System::currentTimeMillis);
    return new FleetMember(c, g, j);
  }

  /** The standard gates, then the fleet's. */
  public GatePipeline gates(GatePipeline standard) {
    return gate == null ? standard : standard.then(gate);
  }

  /** What the executor asks before and tells after each action. */
  public ActionHooks hooks() {
    return gate == null ? ActionHooks.NONE : gate;
  }

  /** The journal every event goes through: the agent's, feeding the fleet view when in a fleet. */
  public Journal journal(Journal agentJournal) {
    return journal == null ? agentJournal : journal;
  }

  /** A sweep completed: the host is up (durable permits go back) and the status is published. */
  public void swept() {
    if (gate != null) {
      gate.healthy();
      journal.publishStatus();
    }
  }

  public FleetCoordinator coordinator() {
    return coordinator;
  }

  @Override
  public void close() {
    if (journal != null) {
      journal.close();
    }
    coordinator.close();
  }
}
