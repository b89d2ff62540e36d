package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;

/**
 * A field that grew by at least the rule's amount since the entity's previous sample ({@code increased: oomKills}),
 * as of the current sweep. The engine keeps each entity's previous sample, so the rules need not keep them all.
 *
 * @param spec which condition: {@code <rule name>/<index of the condition>}
 * @param key the entity, typed as its fact's key field (see {@link Presence}); {@code "host"} for host-wide facts
 * @param previous the sample it grew from (reasons show "rose from … to …")
 */
public record Increase(String spec, Object key, Fact previous) {}
