package dev.medic.fleet;

import java.time.Duration;
import java.util.List;

/**
 * What the fleet gate needs of a coordination engine: permits under blast-radius limits, a check that a permit is
 * still good right before a step starts, durable permits that outlive the session, health, and the fleet view.
 * Implementations fail closed: any doubt about the session gives {@link Grant.Unavailable}, never a grant.
 */
public interface FleetCoordinator extends FleetView, AutoCloseable {

  /** This host's name in the fleet. */
  String host();

  /** Asks for a permit; never blocks longer than the coordinator's own operation timeout. */
  Grant acquire(PermitRequest request);

  /**
   * Right before a step of {@code step} length starts: empty if the permit is still held and the session cannot
   * expire before the step's end; otherwise the reason not to start it.
   */
  java.util.Optional<String> confirm(Permit permit, Duration step);

  /** Gives a permit back; a permit already gone (session lost, released) is ignored. */
  void release(Permit permit);

  /** Durable permits this host holds, including ones from before a restart. */
  List<Permit> durablePermits();

  /** The session's state now, for the gate, the journal and {@code medic fleet}. */
  FleetHealth health();

  /** Publishes this agent's status (mode, open incidents, pending approvals) for the fleet view. */
  void publish(AgentStatus status);

  /** Records an incident of this host so it outlives the agent ({@code state} open or resolved). */
  void incident(FleetIncident incident);

  /** Subscribes to permits the coordinator lost without being asked (the session expired). */
  void onLost(java.util.function.Consumer<Permit> listener);

  @Override
  void close();
}
