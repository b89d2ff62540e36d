/**
 * What Medic can do about a process: the {@link dev.medic.actions.Action} contract, the registry that maps
 * runbook names to actions, and the shared tools actions use (evidence bundles, a shell-free command runner,
 * environment redaction).
 */
package dev.medic.actions;
