package dev.medic.engine.runbook;

import java.time.Duration;
import java.util.List;

/**
 * One way a runbook can match: a fact type, conditions that must all hold, and how long they must hold.
 *
 * @param fact a fact type name from the catalog
 * @param where conditions that must all hold on the same sample
 * @param sustained every sample of the entity in the last {@code sustained} satisfied {@code where}, and the
 *     window is covered (a sample at least that old exists); {@link Duration#ZERO} means the newest sample alone
 */
public record Trigger(String fact, List<Comparison> where, Duration sustained, Position position) {}
