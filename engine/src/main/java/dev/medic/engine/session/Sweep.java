package dev.medic.engine.session;

/**
 * The one marker fact that says which sweep is current. Every rule starts from it ({@code Sweep( $now : timestamp
 * )}) and joins the current sweep's facts on {@code timestamp == $now}, an indexed equality, instead of asking "is
 * there a newer sample of this entity?", which costs a scan of the entity's whole history on every insert.
 *
 * @param processTable whether this sweep read the process table (it may be read every Nth sweep only): a rule that
 *     says "no such process" may only conclude it from a sweep that looked
 */
public record Sweep(long timestamp, boolean processTable) {}
