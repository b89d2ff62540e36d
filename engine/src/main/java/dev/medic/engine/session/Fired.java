package dev.medic.engine.session;

/**
 * A marker a rule inserts when it proposes a plan, so the same trigger stays quiet for the same entity during
 * the runbook's cooldown. It is a Drools event that expires after the longest cooldown.
 *
 * @param rule the rule name, {@code <runbook id>#<trigger index>}
 * @param key the entity ({@code host}, a cgroup path, a pid)
 * @param timestamp the sample time the plan was proposed at
 */
public record Fired(String rule, String key, long timestamp) {}
