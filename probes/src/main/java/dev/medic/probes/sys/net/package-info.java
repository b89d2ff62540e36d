/**
 * Readers of {@code /sys/class/net}: link state of network interfaces. sysfs shows the devices of the namespace it
 * was mounted in (the root one for Medic), so these facts exist for the host namespace only.
 */
package dev.medic.probes.sys.net;
