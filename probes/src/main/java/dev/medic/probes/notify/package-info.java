/**
 * Crossing notifiers: the kernel telling Medic that a memory scope has crossed a threshold, within milliseconds and
 * without polling every process. One class per kernel source, named after it: {@link CgroupEventControl} (cgroup v1
 * memory thresholds, an eventfd registered in {@code cgroup.event_control}), {@link PressureTrigger} (a PSI trigger
 * written to {@code /proc/pressure/memory} or a v2 cgroup's {@code memory.pressure}, woken by {@code POLLPRI}), and
 * {@link UsagePoller}, the fallback that reads only the usage files of the scopes near their limit every few tens of
 * milliseconds. Each turns its source into {@link Crossing}s; docs/reaction.md says which to use where, and why.
 */
package dev.medic.probes.notify;
