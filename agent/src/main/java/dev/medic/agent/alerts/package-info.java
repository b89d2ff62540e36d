/**
 * Alerts in: Alertmanager's webhook notifications ({@code POST /alerts}, payload version 4) read by
 * {@link dev.medic.agent.alerts.AlertmanagerPayload} into {@code alert} facts and queued by
 * {@link dev.medic.agent.alerts.AlertsHandler} into the agent's inbox, which the next sweep delivers with the
 * probes' facts, so a Prometheus alert can start a diagnosis and is recorded and replayed like every other fact.
 */
package dev.medic.agent.alerts;
