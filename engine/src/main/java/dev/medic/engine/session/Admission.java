package dev.medic.engine.session;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.ProcessSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * Which samples of a sweep can matter to the rules, so only those enter the Drools session. A host has hundreds of
 * processes and most rules want a handful (the largest by PSS, the ones growing, the one named postgres): inserting
 * every process into the network cost most of a replay's time. Each pattern of each rule states what it can match
 * as a {@link Need}; a sample that no need of its type accepts cannot change any rule's outcome and stays out.
 *
 * <p>Needs over-approximate: joins between patterns are ignored except the two that select few entities by key (a
 * trend above its threshold, the process a limits fact names), so a sample left out is certain not to matter.
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

  /**
   * Entities named by other facts of the same sweep: trend facts above a threshold, or samples of another type
   * that pass a test. {@code keyOf} reads the key to match against the admitted sample's key.
   */
  public record KeySource(String trendSpec, DoublePredicate trendTest, String sourceType,
      FactTest sourceTest, Function<Fact, Object> keyOf) {

    public static KeySource trend(String spec, DoublePredicate test) {
      return new KeySource(spec, test, null, null, null);
    }

    public static KeySource facts(String type, FactTest test, Function<Fact, Object> keyOf) {
      return new KeySource(null, null, type, test, keyOf);
    }

    /**
     * Processes that a "largest by RSS where no candidate has {@code rank}" fallback can pick: those inside a scope
     * with no ranked candidate. Scopes are the host, and the cgroups sampled or named by an OOM kill in the sweep;
     * a scope contains a process when it is the process's cgroup or above it.
     */
    public static KeySource unranked(Function<Fact, Object> rank) {
      return new KeySource(UNRANKED, null, null, null, rank);
    }
  }

  private static final String UNRANKED = "\0unranked";
  private static final Function<Fact, Object> CGROUP = f -> ((ProcessSample) f).memoryCgroup();

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

  /** From every pattern's need; {@code keyFields} names each type's key field for keyed needs. */
  public static Admission of(List<Need> all, Map<String, List<DoublePredicate>> trendTests,
      Map<String, Class<? extends Fact>> classes, Map<String, String> keyFields) {
    Map<Class<?>, List<Need>> byClass = new HashMap<>();
    Set<Class<?>> everything = new HashSet<>();
    Map<String, Need> distinct = new java.util.LinkedHashMap<>(); // rules share needs: test each once
    all.forEach(n -> distinct.putIfAbsent(n.type() + ": " + n.text(), n));
    for (Need n : distinct.values()) {
      Class<? extends Fact> c = classes.get(n.type());
      if (n.test().isAlways() && n.keyedBy() == null) {
        everything.add(c);
      }
      byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(n);
    }
    everything.forEach(c -> byClass.put(c, null));
    Admission a = new Admission(byClass, Map.copyOf(trendTests));
    byClass.forEach((c, list) -> {
      if (list != null && list.stream().anyMatch(n -> n.keyedBy() != null)) {
        a.keys.put(c, FieldAccess.of(classes.get(list.get(0).type()), keyFields.get(list.get(0).type())));
      }
    });
    return a;
  }

  private static final Object NO_CGROUP = new Object();

  /** A cgroup some rule may rank processes in, this sweep. */
  private record Scope(String path) {}

  /**
   * Whether a process in {@code cgroup} could be the fallback's pick: some scope that contains it (the host, or a
   * sampled cgroup at or above its own) has no ranked candidate.
   */
  private static boolean unrankedScope(Set<Object> known, String cgroup) {
    if (!known.contains(NO_CGROUP)) {
      return true; // no ranked candidate on the whole host
    }
    for (String c = cgroup; c != null; c = parent(c)) {
      if (known.contains(new Scope(c)) && !known.contains(c)) {
        return true;
      }
    }
    return false;
  }

  /** {@code /a/b} → {@code /a} → {@code /} → null. */
  private static String parent(String cgroup) {
    if (cgroup.equals("/") || cgroup.isEmpty()) {
      return null;
    }
    int slash = cgroup.lastIndexOf('/');
    return slash <= 0 ? "/" : cgroup.substring(0, slash);
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
    Map<KeySource, Set<Object>> keySets = new HashMap<>();
    Map<KeySource, Map<String, Boolean>> unrankedCache = new HashMap<>();
    List<Fact> out = new ArrayList<>();
    for (Fact f : facts) {
      Class<?> c = f.getClass();
      if (!needs.containsKey(c)) {
        continue; // no rule reads this type
      }
      List<Need> list = needs.get(c);
      if (list == null || admits(list, f, facts, trends, keySets, unrankedCache)) {
        out.add(f);
      }
    }
    return out;
  }

  private boolean admits(List<Need> list, Fact f, List<? extends Fact> facts, List<Trend> trends,
      Map<KeySource, Set<Object>> keySets, Map<KeySource, Map<String, Boolean>> unrankedCache) {
    for (Need n : list) {
      if (!n.test().test(f)) {
        continue;
      }
      if (n.keyedBy() == null) {
        return true;
      }
      Set<Object> allowed = keySets.computeIfAbsent(n.keyedBy(), s -> keys(s, facts, trends));
      if (UNRANKED.equals(n.keyedBy().trendSpec())) {
        String cgroup = (String) CGROUP.apply(f);
        // many processes share a cgroup: decide each cgroup once a sweep
        Map<String, Boolean> decided = unrankedCache.computeIfAbsent(n.keyedBy(), k -> new HashMap<>());
        if (decided.computeIfAbsent(cgroup == null ? "" : cgroup, c -> unrankedScope(allowed, cgroup))) {
          return true;
        }
      } else if (allowed.contains(keys.get(f.getClass()).apply(f))) {
        return true;
      }
    }
    return false;
  }

  private static Set<Object> keys(KeySource s, List<? extends Fact> facts, List<Trend> trends) {
    Set<Object> out = new HashSet<>();
    if (UNRANKED.equals(s.trendSpec())) {
      // the cgroups with a ranked candidate in or below them (and NO_CGROUP if there is one at all), and the
      // scopes a rule can rank in this sweep: the cgroups sampled and the cgroups of OOM kills
      for (Fact f : facts) {
        if (f instanceof ProcessSample p && !p.kernelThread() && s.keyOf().apply(f) != null) {
          out.add(NO_CGROUP);
          for (String c = p.memoryCgroup(); c != null; c = parent(c)) {
            out.add(c);
          }
        } else if (f instanceof CgroupSample c) {
          out.add(new Scope(c.path()));
        } else if (f instanceof OomKill k && k.oomCgroup() != null) {
          out.add(new Scope(k.oomCgroup()));
        }
      }
      return out;
    }
    if (s.trendSpec() != null) {
      for (Trend t : trends) {
        if (t.spec().equals(s.trendSpec()) && s.trendTest().test(t.perMinute())) {
          out.add(t.key());
        }
      }
      return out;
    }
    for (Fact f : facts) {
      if (f.type().equals(s.sourceType()) && s.sourceTest().test(f)) {
        out.add(s.keyOf().apply(f));
      }
    }
    return out;
  }
}
