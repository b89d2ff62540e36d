package dev.medic.engine.runbook;

import java.util.List;

/**
 * A runbook's {@code when}: matches combined with {@code all}, {@code any} and {@code not}. The compiler turns it
 * into a disjunction of conjunctions, one Drools rule each ({@link Conjunction}).
 *
 * <pre>{@code
 * when:
 *   all:
 *     - fact: process
 *       trend: rss > 20MiB/min
 *       over: 15m
 *     - not: {fact: oom_kill, within: 10m}
 * }</pre>
 */
public sealed interface Condition permits Condition.All, Condition.Any, Condition.Not, Match {

  Position position();

  /** Every item holds, about the same entity where the facts relate (see {@link Conjunction}). */
  record All(List<Condition> items, Position position) implements Condition {}

  /** At least one item holds; each alternative becomes its own rule. */
  record Any(List<Condition> items, Position position) implements Condition {}

  /** No fact matches (within a window, if the match has one); only beside at least one positive match. */
  record Not(Match match, Position position) implements Condition {}
}
