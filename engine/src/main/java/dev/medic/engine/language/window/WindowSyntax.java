package dev.medic.engine.language.window;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.SchemaKeys;
import dev.medic.engine.runbook.WindowKeys;
import java.util.List;
import java.util.Optional;

/**
 * How YAML spells one window kind: the keys that choose it, the keys that go with them, where it is allowed, how it
 * reads its keys into a {@link Window} and how the JSON schema describes them. The condition reader applies the
 * rules common to all kinds (one window per condition, no sample windows on events, only some kinds inside
 * {@code not}, no key without the one it goes with) from these answers, in {@link Windows} order.
 */
public interface WindowSyntax {

  /** The keys that choose this kind (any one; two at once is an error). Empty for the default, no window. */
  List<String> keywords();

  /** Keys that mean something only beside one of {@link #keywords} ({@code within} beside {@code count}). */
  default List<String> companions() {
    return List.of();
  }

  /** How messages name the kind: {@code count/within}, one per keyword. */
  default List<String> forms() {
    return keywords();
  }

  /** Whether it applies to occurrences ({@code oom_kill}, {@code kernel_event}) as well as to samples. */
  default boolean onEvents() {
    return false;
  }

  /**
   * Whether it is written only inside {@code not}, and if so how a message names it: {@code 'within' (no sample
   * in the window)}; empty for the kinds written outside {@code not}.
   */
  default Optional<String> insideNot() {
    return Optional.empty();
  }

  /** Reads the kind's keys; problems go to {@code keys} at their line and column, and the result is empty. */
  Optional<Window> read(WindowKeys keys);

  /** Declares the kind's keys in the schema of a match. */
  default void schema(SchemaKeys keys) {}

  /**
   * Narrows the kind's keys for conditions on {@code type}, in the schema's {@code then} for that fact.
   *
   * @param fields the type's field names as a regular-expression alternation ({@code pid|rss|…})
   */
  default void schema(FactType type, String fields, ObjectNode then) {}
}
