package dev.medic.engine.session;

/**
 * Since when an entity has been in every sweep without a gap: the engine keeps one per sampled entity to know a
 * window is covered (a sample at least the window's length old exists) without keeping the entity's samples.
 *
 * @param type the fact type ({@code cgroup}, {@code process}…)
 * @param key the entity, as the fact's own key field holds it (a pid is an Integer, a path a String), so rules join
 *     it with an indexed {@code key == $k0}; {@code "host"} for host-wide facts
 */
public record Presence(String type, Object key, long since) {}
