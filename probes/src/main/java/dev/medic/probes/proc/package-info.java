/** Readers of system-wide and per-process files under {@code /proc}, one class per kernel source. */
package dev.medic.probes.proc;
