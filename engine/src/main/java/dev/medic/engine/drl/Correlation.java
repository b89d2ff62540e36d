package dev.medic.engine.drl;

import java.util.Optional;

/**
 * How a later condition of a rule joins the rule's primary (first) condition: the same entity for the same kind of
 * sample, a process inside the primary cgroup, the limits of the primary process, an OOM kill in the primary
 * cgroup. Facts with no relation to the primary are host-wide and join nothing.
 */
final class Correlation {

  private Correlation() {}

  /**
   * The DRL constraint that ties a pattern of type {@code fact} to the primary, whose fact is bound to
   * {@code $f0} and key to {@code $k0}; empty when the two are unrelated.
   */
  static Optional<String> constraint(String fact, String primary, boolean primaryGrouped) {
    if (fact.equals(primary) && primaryGrouped && !FactKinds.isOccurrence(fact)) {
      return FactKinds.key(fact).map(k -> k + " == $k0");
    }
    return Optional.ofNullable(switch (fact + "<-" + primary) {
      case "process<-cgroup" -> "inScope(memoryCgroup, $k0)";
      case "cgroup<-process" -> "inScope($f0.memoryCgroup, path)";
      case "limits<-process", "process<-limits" -> "pid == $k0";
      case "oom_kill<-cgroup" -> "oomCgroup == $k0";
      case "cgroup<-oom_kill" -> "path == $f0.oomCgroup";
      default -> null;
    });
  }
}
