/**
 * The fact types and fields runbooks may name: {@link dev.medic.engine.facts.FactCatalog}, derived by reflection
 * from the permitted records of {@code dev.medic.probes.facts.Fact} and their annotations ({@code @Key},
 * {@code @Kind}, {@code @Nullable}, {@code @Occurrence}), so a fact's fields are written once, as the record's
 * components. The validator, the compiler, the schema and the recording codec all read this one catalog.
 */
package dev.medic.engine.facts;
