/**
 * Readers of configuration files under {@code /etc} that explain what the kernel's counters cannot: the stub
 * resolver's {@code resolv.conf}. Paths go through {@link dev.medic.probes.HostRoot#etc}.
 */
package dev.medic.probes.etc;
