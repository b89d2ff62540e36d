/**
 * Readers of the network files of a network namespace: {@code /proc/<pid>/net/*} (netstat, snmp, sockstat, tcp,
 * dev, route, stat/nf_conntrack), which show the namespace of {@code <pid>} from anywhere, and of the namespace's
 * {@code /proc/sys/net} settings, which follow the reading thread and are read on a
 * {@link dev.medic.probes.netns.NamespaceThread}. Also netlink {@code sock_diag} ({@link
 * dev.medic.probes.proc.net.SockDiag}), the kernel's own source of the listener backlogs that {@code tcp} omits.
 * Counter files are parsed by column name, never position: kernels add columns.
 */
package dev.medic.probes.proc.net;
