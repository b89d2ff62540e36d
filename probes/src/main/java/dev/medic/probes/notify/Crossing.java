package dev.medic.probes.notify;

/**
 * A memory scope crossed its threshold: what a notifier hands the agent so it can sweep just that scope at once.
 *
 * @param source the notifier's name ({@code cgroup.event_control}, {@code pressure}, {@code poll})
 * @param scope the cgroup path inside the memory hierarchy ({@code /} for the root or the host)
 * @param usage bytes charged when the notifier looked (read right after the wakeup; null when unreadable)
 * @param threshold the byte threshold armed, or null for a pressure trigger
 * @param nanos {@link System#nanoTime()} of the wakeup, for crossing-to-decision times
 * @param wallMillis the wall-clock time of the wakeup
 */
public record Crossing(String source, String scope, Long usage, Long threshold, long nanos, long wallMillis) {}
