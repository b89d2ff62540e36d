package dev.medic.engine.drl;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import java.util.Optional;

/** What the compiler needs to know about a fact type beyond its fields. */
final class FactKinds {

  private FactKinds() {}

  static boolean isOccurrence(String fact) {
    return FactCatalog.isOccurrence(fact);
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
