package dev.medic.engine.drl;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import java.util.Optional;
import java.util.Set;

/** What the compiler needs to know about a fact type beyond its fields. */
final class FactKinds {

  /**
   * Facts that are occurrences, not samples: each is something that happened once (a kill, a log record). They
   * are counted host-wide and a "newest sample" makes no sense for them.
   */
  static final Set<String> OCCURRENCES = Set.of("oom_kill", "kernel_event");

  private FactKinds() {}

  static boolean isOccurrence(String fact) {
    return OCCURRENCES.contains(fact);
  }

  static FactType type(String fact) {
    return FactCatalog.find(fact).orElseThrow();
  }

  static Optional<String> key(String fact) {
    return type(fact).keyField();
  }

  static String className(String fact) {
    return type(fact).simpleClassName();
  }
}
