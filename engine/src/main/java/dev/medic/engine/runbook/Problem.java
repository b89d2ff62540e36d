package dev.medic.engine.runbook;

/**
 * One thing wrong with a runbook (or any YAML file Medic reads), printed as {@code file:line:column: message} like a
 * compiler error. The message is made one line of at most {@link Echo#MAX_LINE} characters here, so no input can
 * stretch an error or put a terminal escape in it.
 */
public record Problem(Position position, String message) {

  /** One bounded line, whatever input the message repeats: control bytes escaped, long text cut. */
  public Problem {
    message = Echo.line(message);
  }

  @Override
  public String toString() {
    return position + ": " + message;
  }
}
