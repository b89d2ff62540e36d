/**
 * The one path from facts to decisions, shared by the live agent and the replayer:
 * {@link dev.medic.engine.runtime.CompiledRunbooks} (runbooks loaded, validated and built into a rule base once)
 * makes {@link dev.medic.engine.runtime.Engine}s, which feed each sweep to the rule session, turn matches into
 * plans, pass every planned action through the gates, hand the allowed ones to an executor and journal each step.
 * The engine counts through {@link dev.medic.engine.runtime.EngineListener}; nothing here runs a thread or a timer.
 */
package dev.medic.engine.runtime;
