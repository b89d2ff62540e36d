/** Readers of hardware state under {@code /sys/devices} (EDAC memory error counters), one class per source. */
package dev.medic.probes.sys;
