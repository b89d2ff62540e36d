package dev.medic.engine.session;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.Fact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which samples of a sweep can matter to the rules, so only those enter the Drools session. A host has hundreds of
 * processes and most rules want a handful (the largest by PSS, the ones growing, the one named postgres): inserting
 * every process into the network cost most of a replay's time. Each pattern of each rule states what it can match
 * as a {@link Need}; a sample that no need of its type accepts cannot change any rule's outcome and stays out.
 *
 * <p>Needs over-approximate: joins between patterns are ignored except those that select few entities by key
 * ({@link KeySource}: a trend above its threshold, the process a limits fact names, the processes a top-by-PSS
 * fallback can pick), so a sample left out is certain not to matter.
 */
public final class Admission {

  /**
   * What one pattern can match.
   *
   * @param type the fact type name
   * @param test the pattern's own constraints on the sample
   * @param keyedBy when present, the sample's entity key must also be one of the keys this source yields
   * @param text how the DRL listing shows it
   */
  public record Need(String type, FactTest test, KeySource keyedBy, String text) {}

  private static final Admission EVERYTHING = new Admission(null, null);

  /** Per record class: its needs; a class with an unconditional need maps to null (everything goes in). */
  private final Map<Class<?>, List<Need>> needs;
  private final Map<Class<?>, Function<Fact, Object>> keys = new HashMap<>();

  /** Per trend spec: the thresholds rules compare it with; a trend that passes none is of no use to them. */
  private final Map<String, List<DoublePredicate>> trendTests;

  private Admission(Map<Class<?>, List<Need>> needs, Map<String, List<DoublePredicate>> trendTests) {
    this.needs = needs;
    this.trendTests = trendTests;
  }

  /** Lets every fact through: for tests that compare a filtered session with an unfiltered one. */
  public static Admission everything() {
    return EVERYTHING;
  }

  /** From every pattern's need, and the thresholds each trend is compared with. */
  public static Admission of(List<Need> all, Map<String, List<DoublePredicate>> trendTests) {
    Map<Class<?>, List<Need>> byClass = new HashMap<>();
    Set<Class<?>> everything = new HashSet<>();
    Map<String, Need> distinct = new java.util.LinkedHashMap<>(); // rules share needs: test each once
    all.forEach(n -> distinct.putIfAbsent(n.type() + ": " + n.text(), n));
    for (Need n : distinct.values()) {
      Class<? extends Fact> c = FactCatalog.find(n.type()).orElseThrow().recordClass();
      if (n.test().isAlways() && n.keyedBy() == null) {
        everything.add(c);
      }
      byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(n);
    }
    everything.forEach(c -> byClass.put(c, null));
    Admission a = new Admission(byClass, Map.copyOf(trendTests));
    byClass.forEach((c, list) -> {
      if (list != null && list.stream().anyMatch(n -> n.keyedBy() != null)) {
        FactType type = FactCatalog.find(list.get(0).type()).orElseThrow();
        a.keys.put(c, FieldAccess.of(type.recordClass(), type.keyField().orElseThrow()));
      }
    });
    return a;
  }

  /** Whether a rule compares this trend with a threshold it passes. */
  public boolean wants(String spec, double perMinute) {
    if (trendTests == null) {
      return true;
    }
    List<DoublePredicate> tests = trendTests.get(spec);
    if (tests != null) {
      for (DoublePredicate p : tests) {
        if (p.test(perMinute)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The facts of one sweep the rules can use, in their original order. */
  public List<Fact> admit(List<? extends Fact> facts, List<Trend> trends) {
    if (needs == null) {
      return List.copyOf(facts);
    }
    // per sweep, and local: one Admission serves every session of a rule base, on any thread
    Map<KeySource, Predicate<Fact>> keyed = new HashMap<>();
    List<Fact> out = new ArrayList<>();
    for (Fact f : facts) {
      Class<?> c = f.getClass();
      if (!needs.containsKey(c)) {
        continue; // no rule reads this type
      }
      List<Need> list = needs.get(c);
      if (list == null || admits(list, f, facts, trends, keyed)) {
        out.add(f);
      }
    }
    return out;
  }

  private boolean admits(List<Need> list, Fact f, List<? extends Fact> facts, List<Trend> trends,
      Map<KeySource, Predicate<Fact>> keyed) {
    for (Need n : list) {
      if (n.test().test(f) && (n.keyedBy() == null
          || keyed.computeIfAbsent(n.keyedBy(), s -> s.forSweep(facts, trends, keys.get(f.getClass()))).test(f))) {
        return true;
      }
    }
    return false;
  }
}
