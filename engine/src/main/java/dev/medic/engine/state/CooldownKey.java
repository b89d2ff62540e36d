package dev.medic.engine.state;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.Match;
import java.util.Optional;

/**
 * The entity a rule's cooldown marker ({@link dev.medic.engine.session.Fired}) is keyed by: the primary
 * condition's key field when the condition is grouped by entity, else {@code host}. The DRL compiler writes the
 * same key into every rule, and {@link JournalRestore} recovers it from a journalled plan's scope, so the two
 * agree by construction.
 */
public final class CooldownKey {

  /** The key of rules whose primary condition is about the whole host. */
  public static final String HOST = "host";

  private CooldownKey() {}

  /** Whether a condition is grouped by entity (one window and one cooldown per cgroup, pid, device, …). */
  public static boolean grouped(Match m) {
    return type(m.fact()).keyField().isPresent() && m.window().perEntity(m.fact());
  }

  /**
   * The key a rule whose primary condition is {@code primary} put in its marker when it planned for
   * {@code scope} and {@code pid}: an OOM kill is keyed by its victim's pid (its scope names the cgroup), other
   * keyed facts by the entity their scope names ({@code cgroup /a/b} → {@code /a/b}).
   */
  public static Optional<String> of(Match primary, String scope, int pid) {
    if (!grouped(primary)) {
      return Optional.of(HOST);
    }
    if (primary.fact().equals("oom_kill")) {
      return Optional.of(String.valueOf(pid));
    }
    String prefix = primary.fact() + " ";
    return scope != null && scope.startsWith(prefix) ? Optional.of(scope.substring(prefix.length()))
        : Optional.empty();
  }

  private static FactType type(String fact) {
    return FactCatalog.find(fact).orElseThrow(() -> new IllegalArgumentException("unknown fact type " + fact));
  }
}
