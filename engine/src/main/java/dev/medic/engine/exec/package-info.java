/**
 * Who carries out what the gates allowed: the {@link dev.medic.engine.exec.ActionExecutor} contract the engine
 * submits to, and the {@link dev.medic.engine.exec.RecordingExecutor} that replays and runbook tests use, which runs
 * nothing and remembers what it would have run. The live executor, which runs actions for real, is the agent's.
 */
package dev.medic.engine.exec;
