package dev.medic.engine.language.binding;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.language.RuleText;
import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.ProcessSample;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * {@code listener_owner}: the process that owns the listener the rule is about, or, when the listener is gone, its
 * last owner. A refused connection is explained by what used to listen on the port (the unit to restart, the pid an
 * OOM kill may have taken), so the binding looks back over the {@code listener} samples of the last
 * {@link #LAST_OWNER} for the newest one that named an owner: for a {@code listener} primary, the same listen key;
 * for a {@code check} primary, the checked port. The plan's target is built from that sample's {@code pid},
 * {@code comm} and {@code unit} (state {@code S} when it is from the current sweep, {@code X} when the listener has
 * gone since); with no owner seen in the window, a placeholder with pid 0 and comm {@code ?}, so the plan is still
 * made and a {@code restart_unit} of {@code {{process.unit}}} fails on its parameter rather than guessing a unit.
 *
 * <p>The session keeps {@code listener} samples for {@link #LAST_OWNER} plus the margin whenever a rule uses them
 * ({@code DrlCompiler}); the same look-back joins an {@code oom_kill} to a check's port ({@code drl/Correlation}).
 */
public final class ListenerOwner implements TargetBinding {

  public static final String KEYWORD = "listener_owner";

  /** How long a listener's owner is remembered after the listener was last seen (the probes' ListenersReader too). */
  public static final Duration LAST_OWNER = Duration.ofMinutes(10);

  /** This class as DRL names it. */
  public static final String DRL = ListenerOwner.class.getName();

  @Override
  public String keyword() {
    return KEYWORD;
  }

  @Override
  public boolean fits(String primaryFact) {
    return primaryFact.equals(ListenerSample.TYPE) || primaryFact.equals(CheckSample.TYPE);
  }

  @Override
  public boolean write(RuleText rule) {
    String join = joinTo(rule.primary().fact(), "$f0");
    rule.line(collect("$owners", join));
    rule.need(FactCatalog.find(ListenerSample.TYPE).orElseThrow(), List.of(), List.of("pid"), null, null);
    // by its full name: the header imports only the types some pattern matches in working memory
    rule.line("$target : " + ProcessSample.class.getName() + "() from " + DRL + ".owner($owners, $now)");
    return true;
  }

  /** The constraint that picks a primary's listeners: the same listen key, or the checked port. */
  static String joinTo(String primaryFact, String fact) {
    return primaryFact.equals(ListenerSample.TYPE) ? "listen == " + fact + ".listen" : "port == " + fact + ".port";
  }

  /**
   * The DRL line that collects into {@code var} the listener samples of the last {@link #LAST_OWNER} that pass
   * {@code join} and name an owner.
   */
  public static String collect(String var, String join) {
    return var + " : java.util.List() from collect( ListenerSample( " + join + ", pid != null, timestamp > ($now - "
        + LAST_OWNER.toMillis() + ") ) )";
  }

  /** The DRL line for a check's port (condition {@code j}): what an OOM kill joined to that check looks at. */
  public static String collectForCheck(String var, int j) {
    return collect(var, joinTo(CheckSample.TYPE, "$f" + j));
  }

  /** The newest sample with an owner; ties go to the lower inode, so the choice does not depend on order. */
  static ListenerSample newest(Collection<?> samples) {
    return samples.stream().map(ListenerSample.class::cast)
        .max(Comparator.comparingLong(ListenerSample::timestamp)
            .thenComparing(Comparator.comparingLong(ListenerSample::inode).reversed()))
        .orElse(null);
  }

  /** The pid of the last owner among {@code samples}, -1 when none: an OOM kill joins on it. */
  public static int lastPid(Collection<?> samples) {
    ListenerSample l = newest(samples);
    return l == null ? -1 : l.pid();
  }

  /** The plan's target: the last owner as its listener sample describes it, or the placeholder. */
  public static ProcessSample owner(Collection<?> samples, long now) {
    ListenerSample l = newest(samples);
    if (l == null) {
      return new ProcessSample(now, 0, 0, "?", "", -1, "X", 0, null, null, null, null, null, null, false, null,
          null, null, null, null, null, null);
    }
    String comm = l.comm() == null ? "?" : l.comm();
    return new ProcessSample(now, l.pid(), 0, comm, "", -1, l.timestamp() == now ? "S" : "X", 0, null, null, null,
        null, null, null, false, null, null, null, null, null, l.unit(), null);
  }
}
