package dev.medic.engine.plan;

import java.util.Map;

/**
 * One action of a plan.
 *
 * @param changesHost from the action itself: captures are false, tunings and signals are true
 */
public record PlannedAction(String action, Map<String, String> params, boolean changesHost) {}
