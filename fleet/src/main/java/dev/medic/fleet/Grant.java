package dev.medic.fleet;

/**
 * The coordinator's answer to a permit request: granted, refused because a limit is reached, or unavailable (the
 * coordinator cannot be asked: the agent fails closed and proposes instead).
 */
public sealed interface Grant {

  /** The permit to hold while the action runs. */
  record Granted(Permit permit, int holders) implements Grant {}

  /** A blast-radius limit is reached. */
  record Refused(String reason) implements Grant {}

  /** No connection, a suspended or lost session, an operation that failed: nothing may be assumed. */
  record Unavailable(String reason) implements Grant {}
}
