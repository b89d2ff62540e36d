package dev.medic.engine.drl;

import dev.medic.engine.language.binding.ListenerOwner;
import java.util.Optional;
import java.util.Set;

/**
 * How a later condition of a rule joins an earlier one: the same entity for the same kind of sample, a process
 * inside a cgroup, the limits of a process, an OOM kill in a cgroup; on the network side a check and the listener on
 * its port, a listener and the process (or limits) that owns it, an OOM kill and the last owner of a checked port,
 * and the per-namespace facts with each other and with a check or a listener in the same namespace. A condition
 * joins the nearest earlier condition it relates to; one that relates to none is host-wide and joins nothing.
 */
final class Correlation {

  /** The facts that are per network namespace and carry its name in {@code netns}. */
  static final Set<String> PER_NETNS = Set.of("tcp", "sockets", "conntrack", "nic", "ports", "resolver", "route",
      "listener", "check");

  private Correlation() {}

  /**
   * The DRL constraint that ties a pattern of type {@code fact} to the earlier condition {@code j} of type
   * {@code other}, whose fact is bound to {@code $f<j>} and key to {@code $k<j>}; empty when they are unrelated.
   * A join that needs a line before the pattern says so in {@link #before}.
   */
  static Optional<String> constraint(String fact, String other, boolean otherGrouped, int j) {
    String f = "$f" + j;
    String k = "$k" + j;
    if (fact.equals(other)) {
      return otherGrouped && !FactKinds.isOccurrence(fact) ? FactKinds.key(fact).map(key -> key + " == " + k)
          : Optional.empty();
    }
    String join = switch (fact + "<-" + other) {
      case "process<-cgroup" -> otherGrouped ? "inScope(memoryCgroup, " + k + ")" : null;
      case "cgroup<-process" -> "inScope($cg" + j + ", path)";
      case "limits<-process", "process<-limits" -> "pid == " + f + ".pid";
      case "oom_kill<-cgroup" -> "oomCgroup == " + f + ".path";
      case "cgroup<-oom_kill" -> "path == " + f + ".oomCgroup";
      // a check reaches a local service through its port (the check runs in its own netns, the listener in the
      // server's): the same port is the join
      case "listener<-check", "check<-listener" -> "port == " + f + ".port";
      case "listener<-process", "listener<-limits", "process<-listener", "limits<-listener", "oom_kill<-listener"
          -> "pid == " + f + ".pid";
      // the OOM kill of the process that last held the checked port (see before)
      case "oom_kill<-check" -> "pid == " + ListenerOwner.DRL + ".lastPid(" + ownersOf(j) + ")";
      default -> PER_NETNS.contains(fact) && PER_NETNS.contains(other) ? "netns == " + f + ".netns" : null;
    };
    return Optional.ofNullable(join);
  }

  /** The line the join of {@code fact} to {@code other} (condition {@code j}) needs before its pattern, if any. */
  static Optional<String> before(String fact, String other, int j) {
    return fact.equals("oom_kill") && other.equals("check")
        ? Optional.of(ListenerOwner.collectForCheck(ownersOf(j), j)) : Optional.empty();
  }

  private static String ownersOf(int j) {
    return "$lastOwners" + j;
  }
}
