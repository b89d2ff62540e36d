package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;

/**
 * What a rule's consequence hands back: which rule matched, on which sample, and the process it bound as target.
 * Rules do nothing else; turning a match into a plan is the engine's job.
 */
public record Match(String rule, Fact trigger, ProcessSample target) {}
