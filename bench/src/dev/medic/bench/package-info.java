/**
 * The Java mains of the benchmarks: {@link dev.medic.bench.SweepBench} (probe sweep cost, run by
 * {@code bench/run.sh}) and {@link dev.medic.bench.RunbookBench} (pack compile time and replay speed, run by
 * {@code bench/runbooks.sh}). They are compiled by every build so they cannot rot; method and recorded figures are
 * in {@code docs/benchmarks.md}.
 */
package dev.medic.bench;
