/**
 * The running Medic: the {@link dev.medic.agent.Agent} that wires probes, the engine, the live executor and the
 * file journal together, the Vert.x loop that drives sweeps ({@link dev.medic.agent.LiveRuntime}), the operator's
 * settings ({@link dev.medic.agent.MedicConfig}) and the Micrometer counters ({@link dev.medic.agent.MedicMetrics}).
 *
 * <p>Everything here is about one live process on one host. What decides (runbooks, session, plans, gates, the
 * journal's format) is in {@code dev.medic.engine}, a library with no Vert.x and no Micrometer, so replays and
 * tests decide exactly as the agent does. Later the HTTP API, schedules and the fleet client live here too.
 */
package dev.medic.agent;
