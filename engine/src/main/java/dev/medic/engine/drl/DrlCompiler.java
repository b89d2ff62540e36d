package dev.medic.engine.drl;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.language.binding.ListenerOwner;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.session.Fired;
import dev.medic.engine.session.SessionSpec;
import dev.medic.engine.session.MatchSink;
import dev.medic.engine.session.Sustained;
import dev.medic.engine.session.Increase;
import dev.medic.engine.session.Trend;
import dev.medic.engine.session.Sweep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns runbooks into DRL text for a Drools STREAM session: one rule per conjunction of each runbook's
 * {@code when}, named {@code <runbook id>#<index>} (see {@link RuleWriter}). The output is deterministic (golden
 * tests pin it) and no author text reaches it unchecked: ids are restricted by the loader, fields come from the
 * catalog, values are parsed numbers or text that passed {@code Values.SAFE_TEXT}.
 *
 * <p>A condition sustained for D becomes, for each entity sampled in the current sweep:
 *
 * <pre>{@code
 * Sweep( $now : timestamp )                                                        // the current sweep
 * $f0 : CgroupSample( timestamp == $now, $k0 : path, (usagePercent != null && usagePercent >= 90.0) )
 * Sustained( spec == "r#0/0", key == $k0 )               // covered, and no sample in [now - D, now] failed
 * not Fired( rule == "r#0", key == String.valueOf($k0), timestamp > ($f0.timestamp - cooldown) )
 * }</pre>
 *
 * <p>Sustained windows, trends and increases come from facts the engine derives incrementally ({@code Sustained},
 * {@code Trend}, {@code Increase}; see {@code DerivedFacts}), so the session keeps old samples only for counts and
 * {@code within}. The compiler also lists, above each rule, what samples each of its patterns can match
 * ({@code // admits …}): the session lets only those in (see {@code Admission}). The header imports and declares
 * only the fact types some pattern reads, and {@code Sustained}, {@code Increase} and {@code Trend} only when a
 * window derives them, so a new fact type changes only the DRL of the runbooks that use it.
 */
public final class DrlCompiler {

  /** How long facts outlive the longest window that needs them; covers a late or skipped sweep. */
  static final Duration MARGIN = Duration.ofSeconds(60);

  /** {@code inScope(cgroup, scope)}: the process's cgroup is the scope or below it; a null scope is the host. */
  static final String FUNCTIONS = """
      function boolean inScope(String cgroup, String scope) {
        if (scope == null) {
          return true;
        }
        return cgroup != null && (cgroup.equals(scope) || scope.equals("/") || cgroup.startsWith(scope + "/"));
      }

      """;

  /** The DRL and what its sessions must derive and admit. */
  public record Compiled(String drl, SessionSpec spec) {}

  public String compile(List<Runbook> runbooks) {
    return build(runbooks).drl();
  }

  public Compiled build(List<Runbook> runbooks) {
    SessionNeeds needs = new SessionNeeds();
    StringBuilder rules = new StringBuilder();
    for (Runbook rb : runbooks) {
      if (rb.enabled()) {
        for (int i = 0; i < rb.rules().size(); i++) {
          rules.append(new RuleWriter(rb, i, needs).write());
        }
      }
    }
    // the header names only what the rules use, so a new fact type changes only the DRL of runbooks that use it
    List<String> types = FactCatalog.all().keySet().stream().filter(needs.types()::contains).toList();
    StringBuilder out = new StringBuilder();
    out.append("package dev.medic.rules;\n\n");
    types.forEach(t -> imports(FactKinds.type(t).recordClass(), out));
    imports(Fired.class, out);
    imports(Sweep.class, out);
    if (needs.derivesSustained()) {
      imports(Sustained.class, out);
    }
    if (needs.derivesIncreases()) {
      imports(Increase.class, out);
    }
    if (needs.derivesTrends()) {
      imports(Trend.class, out);
    }
    out.append("\nglobal ").append(MatchSink.class.getName()).append(" matches;\n\n");
    out.append(FUNCTIONS);
    declarations(runbooks, types, out);
    return new Compiled(out.append(rules).toString(), needs.spec());
  }

  private static void imports(Class<?> type, StringBuilder out) {
    out.append("import ").append(type.getName()).append(";\n");
  }

  /** Each fact type the rules use is an event that expires once no window can still need it. */
  private void declarations(List<Runbook> runbooks, List<String> types, StringBuilder out) {
    Map<String, Duration> keep = new LinkedHashMap<>();
    // a listener's last owner is looked up over its recent samples (listener_owner, an OOM kill joined to a check)
    types.forEach(t -> keep.put(t, t.equals("listener") ? ListenerOwner.LAST_OWNER.plus(MARGIN) : MARGIN));
    Duration cooldown = Duration.ofSeconds(1);
    for (Runbook rb : runbooks) {
      if (!rb.enabled()) {
        continue; // a disabled runbook has no rules, so nothing to keep facts for
      }
      for (Conjunction c : rb.rules()) {
        Stream.concat(c.positive().stream(), c.negative().stream()).forEach(m -> keep.merge(m.fact(),
            m.window().keeps().plus(MARGIN), (a, b) -> a.compareTo(b) >= 0 ? a : b));
      }
      cooldown = rb.guards().cooldown().compareTo(cooldown) > 0 ? rb.guards().cooldown() : cooldown;
    }
    keep.forEach((type, d) -> declare(FactKinds.className(type), d, out));
    declare(Fired.class.getSimpleName(), cooldown.plusSeconds(1), out);
    declare(Sweep.class.getSimpleName(), MARGIN, out); // replaced every sweep; the expiry is only a backstop
  }

  /**
   * Facts are immutable and never modified in place, so Drools' property reactivity has nothing to track:
   * {@code @classReactive} turns it off (and with it a warning about joins on another pattern's variables).
   */
  private static void declare(String type, Duration expires, StringBuilder out) {
    out.append("declare ").append(type).append("\n  @role(event)\n  @timestamp(timestamp)\n  @expires(")
        .append(expires.toMillis()).append("ms)\n  @classReactive\nend\n\n");
  }
}
