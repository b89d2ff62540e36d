/** Probes: read the host's kernel files through a {@link dev.medic.probes.HostRoot} and turn them into facts. */
package dev.medic.probes;
