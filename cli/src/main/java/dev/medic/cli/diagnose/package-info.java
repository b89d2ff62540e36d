/**
 * {@code medic diagnose}: the guide's "debug from the network side, outside then inside" as one command. A
 * {@link dev.medic.cli.diagnose.Target} becomes one outside check run now; {@link dev.medic.cli.diagnose.Inside}
 * reads the kernel's view of the namespace that serves the target around that check; {@link
 * dev.medic.cli.diagnose.Causes} ranks the likely causes from both (reference: network-diagnosis §6), and {@link
 * dev.medic.cli.diagnose.Story} tells it for an operator or as JSON.
 */
package dev.medic.cli.diagnose;
