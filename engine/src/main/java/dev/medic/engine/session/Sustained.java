package dev.medic.engine.session;

/**
 * A condition that has held on every sample of an entity for a whole covered window ({@code for: 2m}), as of the
 * current sweep. The engine tracks, per entity, when the condition last failed, so the rules need not keep and scan
 * every sample of the window; it replaces these facts every sweep.
 *
 * @param spec which windowed condition: {@code <rule name>/<index of the condition>}
 * @param key the entity, typed as its fact's key field (see {@link Presence}); {@code "host"} for host-wide facts
 */
public record Sustained(String spec, Object key) {}
