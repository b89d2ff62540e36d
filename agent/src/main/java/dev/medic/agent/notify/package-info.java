/**
 * Telling people about plans: {@link dev.medic.agent.notify.Notifier} hears every plan and decision from the
 * engine, routes it by runbook, severity and tags ({@link dev.medic.agent.notify.Route}) to named sinks — a webhook
 * with Medic's own JSON or Alertmanager's {@code /api/v2/alerts} shape, or email over SMTP — and hands it to that
 * sink's {@link dev.medic.agent.notify.SinkWorker}: a bounded queue and a thread of its own that retries with
 * exponential backoff and jitter. The engine never waits for a sink; what cannot be delivered is counted
 * ({@code medic.notifications}) and journalled ({@code notification} events).
 */
package dev.medic.agent.notify;
