package dev.medic.engine.runbook;

/** How urgent a runbook's finding is, for the operator reading the journal. */
public enum Severity {
  INFO, WARNING, CRITICAL
}
