package dev.medic.engine.session;

/**
 * The one marker fact that says which sweep is current. Every rule starts from it ({@code Sweep( $now : timestamp
 * )}) and joins the current sweep's facts on {@code timestamp == $now}, an indexed equality, instead of asking "is
 * there a newer sample of this entity?", which costs a scan of the entity's whole history on every insert.
 */
public record Sweep(long timestamp) {}
