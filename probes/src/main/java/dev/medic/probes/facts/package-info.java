/**
 * The fact records probes produce and runbooks reason over, one sealed family ({@link dev.medic.probes.facts.Fact}).
 * Each record is the single source of its fields: their names are the record components, their kinds and
 * nullability come from the Java types and the {@link dev.medic.probes.facts.Kind},
 * {@link dev.medic.probes.facts.Nullable}, {@link dev.medic.probes.facts.Key} and
 * {@link dev.medic.probes.facts.Occurrence} annotations, which the engine's fact catalog reads.
 */
package dev.medic.probes.facts;
