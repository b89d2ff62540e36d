package dev.medic.engine.session;

import dev.medic.probes.facts.Fact;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Entities that other facts of the same sweep single out, for a pattern that joins on them: few enough that
 * {@link Admission} lets in only their samples instead of every sample of the type.
 */
public sealed interface KeySource permits KeySource.TrendKeys, KeySource.FactKeys, UnrankedScopes {

  /**
   * For one sweep: which samples of the needing type this source lets through.
   *
   * @param keyOf reads a sample's entity key (its pid, its path)
   */
  Predicate<Fact> forSweep(List<? extends Fact> facts, List<Trend> trends, Function<Fact, Object> keyOf);

  /** The entities whose trend {@code spec} passes {@code test} (a leak rule's "growing faster than …"). */
  static KeySource trend(String spec, DoublePredicate test) {
    return new TrendKeys(spec, test);
  }

  /** The entities that samples of {@code type} passing {@code test} name through {@code sourceKey}. */
  static KeySource facts(String type, FactTest test, Function<Fact, Object> sourceKey) {
    return new FactKeys(type, test, sourceKey);
  }

  /** See {@link UnrankedScopes}. */
  static KeySource unranked(Function<Fact, Object> rank) {
    return new UnrankedScopes(rank);
  }

  /** Entities with a trend above its threshold. */
  record TrendKeys(String spec, DoublePredicate test) implements KeySource {
    @Override
    public Predicate<Fact> forSweep(List<? extends Fact> facts, List<Trend> trends, Function<Fact, Object> keyOf) {
      Set<Object> keys = new HashSet<>();
      for (Trend t : trends) {
        if (t.spec().equals(spec) && test.test(t.perMinute())) {
          keys.add(t.key());
        }
      }
      return f -> keys.contains(keyOf.apply(f));
    }
  }

  /** Entities named by samples of another type, for example the pid of a {@code limits} sample. */
  record FactKeys(String type, FactTest test, Function<Fact, Object> sourceKey) implements KeySource {
    @Override
    public Predicate<Fact> forSweep(List<? extends Fact> facts, List<Trend> trends, Function<Fact, Object> keyOf) {
      Set<Object> keys = new HashSet<>();
      for (Fact f : facts) {
        if (f.type().equals(type) && test.test(f)) {
          keys.add(sourceKey.apply(f));
        }
      }
      return f -> keys.contains(keyOf.apply(f));
    }
  }
}
