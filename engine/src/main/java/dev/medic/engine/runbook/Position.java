package dev.medic.engine.runbook;

/** Where something stands in a runbook file; line and column count from 1, as editors show them. */
public record Position(String file, int line, int column) {

  @Override
  public String toString() {
    return Echo.bounded(file, 4096) + ":" + line + ":" + column;
  }
}
