/** Readers of the memory cgroup hierarchy under {@code /sys/fs/cgroup}, v1 and v2. */
package dev.medic.probes.cgroup;
