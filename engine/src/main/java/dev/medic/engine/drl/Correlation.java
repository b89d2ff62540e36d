package dev.medic.engine.drl;

import java.util.Optional;

/**
 * How a later condition of a rule joins an earlier one: the same entity for the same kind of sample, a process
 * inside a cgroup, the limits of a process, an OOM kill in a cgroup. A condition joins the nearest earlier condition
 * it relates to; one that relates to none is host-wide and joins nothing.
 */
final class Correlation {

  private Correlation() {}

  /**
   * The DRL constraint that ties a pattern of type {@code fact} to the earlier condition {@code j} of type
   * {@code other}, whose fact is bound to {@code $f<j>} and key to {@code $k<j>}; empty when they are unrelated.
   */
  static Optional<String> constraint(String fact, String other, boolean otherGrouped, int j) {
    String f = "$f" + j;
    String k = "$k" + j;
    if (fact.equals(other)) {
      return otherGrouped && !FactKinds.isOccurrence(fact) ? FactKinds.key(fact).map(key -> key + " == " + k)
          : Optional.empty();
    }
    return Optional.ofNullable(switch (fact + "<-" + other) {
      case "process<-cgroup" -> otherGrouped ? "inScope(memoryCgroup, " + k + ")" : null;
      case "cgroup<-process" -> "inScope($cg" + j + ", path)";
      case "limits<-process", "process<-limits" -> "pid == " + f + ".pid";
      case "oom_kill<-cgroup" -> "oomCgroup == " + f + ".path";
      case "cgroup<-oom_kill" -> "path == " + f + ".oomCgroup";
      default -> null;
    });
  }
}
