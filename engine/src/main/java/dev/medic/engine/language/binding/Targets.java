package dev.medic.engine.language.binding;

import java.util.List;
import java.util.Optional;

/**
 * The target bindings of the runbook language, registered in one place, in the order messages and the schema list
 * them. Adding a binding: one class in this package, one line here.
 */
public final class Targets {

  /** The binding of a rule whose runbook names none and whose primary fact no binding claims. */
  private static final TargetBinding OTHERWISE = new TopProcessByPss();

  public static final List<TargetBinding> ALL = List.of(
      OTHERWISE,
      new TopProcessByRss(),
      new MatchedProcess(),
      new OomVictim(),
      new ListenerOwner());

  private Targets() {}

  public static Optional<TargetBinding> find(String keyword) {
    return ALL.stream().filter(b -> b.keyword().equals(keyword)).findFirst();
  }

  public static List<String> keywords() {
    return ALL.stream().map(TargetBinding::keyword).toList();
  }

  /** The binding a rule gets when the runbook names none: the process it is about, else the top by PSS. */
  public static TargetBinding defaultFor(String primaryFact) {
    return ALL.stream().filter(b -> b.isDefaultFor(primaryFact)).findFirst().orElse(OTHERWISE);
  }
}
