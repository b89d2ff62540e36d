package dev.medic.fleet;

/**
 * The coordinator session as the gate sees it.
 *
 * @param coordinated true when this agent is part of a fleet (false for {@link Fleet#NONE})
 * @param usable true only when the session is connected and may grant: everything else fails closed
 * @param state the session state word ({@code connected}, {@code suspended}, {@code lost}, {@code not connected})
 * @param sessionTimeoutMs the negotiated session timeout (0 when none)
 * @param reason why it is not usable, in words (empty when usable)
 */
public record FleetHealth(boolean coordinated, boolean usable, String state, long sessionTimeoutMs, String reason) {}
