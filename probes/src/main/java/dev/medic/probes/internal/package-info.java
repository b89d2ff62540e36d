/**
 * Helpers shared by the readers (file reading, line tokenising, warn-once logging) and, for did-you-mean hints, by
 * the modules above; not an API for runbooks or plugins.
 */
package dev.medic.probes.internal;
