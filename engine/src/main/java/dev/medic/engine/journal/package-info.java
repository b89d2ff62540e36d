/**
 * The journal: Medic's system of record, one typed {@link dev.medic.engine.journal.JournalEvent} per JSON line.
 * {@link dev.medic.engine.journal.JournalCodec} is the one place that writes and reads the lines,
 * {@link dev.medic.engine.journal.JournalReader} streams a journal back (reporting a torn tail instead of failing),
 * and {@link dev.medic.engine.journal.Journal} is the sink the engine writes to: memory in replays, the agent's
 * append-only file live. The format is public and versioned: {@code docs/journal-format.md}.
 */
package dev.medic.engine.journal;
