/**
 * Time-driven input on the sweep's clock: {@link dev.medic.engine.schedule.Cron} (a Quartz cron expression read in
 * UTC) and {@link dev.medic.engine.schedule.ScheduleClock}, which turns the runbooks' {@code schedule:} into
 * {@code schedule} facts. Nothing here starts a thread: the live agent and a replay see the same ticks for the same
 * sweep timestamps, so schedules replay deterministically.
 */
package dev.medic.engine.schedule;
