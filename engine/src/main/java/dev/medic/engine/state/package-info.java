/**
 * What an engine remembers between sweeps that must survive a restart: cooldown markers, rate-limit counts and
 * plans waiting for a person's approval. {@link dev.medic.engine.state.JournalRestore} rebuilds it from the journal
 * as a pure function of its events, so a restarted (or killed) agent never repeats an action inside its cooldown
 * and never forgets a pending approval; {@link dev.medic.engine.state.PendingApprovals} is the live list the HTTP
 * API reads.
 */
package dev.medic.engine.state;
