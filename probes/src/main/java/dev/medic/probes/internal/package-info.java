/** Helpers shared by the readers (file reading, line tokenising, warn-once logging); not an API. */
package dev.medic.probes.internal;
