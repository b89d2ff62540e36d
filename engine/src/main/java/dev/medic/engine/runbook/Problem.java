package dev.medic.engine.runbook;

/** One thing wrong with a runbook, printed as {@code file:line:column: message} like a compiler error. */
public record Problem(Position position, String message) {

  @Override
  public String toString() {
    return position + ": " + message;
  }
}
