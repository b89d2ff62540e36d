/**
 * The kernel log ({@code /dev/kmsg}, or {@code journalctl -k} when the device cannot be opened) turned into
 * {@code OomKill} and {@code KernelEvent} facts: a record parser, the OOM-report assembler, the event classifier
 * and the streaming {@link dev.medic.probes.kmsg.KernelLogSource}.
 */
package dev.medic.probes.kmsg;
