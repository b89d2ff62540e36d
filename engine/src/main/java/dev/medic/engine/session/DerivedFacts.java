package dev.medic.engine.session;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.Fact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * What the rules know about the past, kept by the engine instead of by Drools, in O(1) per sample: whether each
 * entity's windows are covered ({@link Presence}), how fast its fields grow ({@link Trend}) and whether a condition
 * has held for a whole window ({@link Sustained}). Without it, Drools would keep every sample of every entity for
 * the longest window and scan them on every sweep. Deterministic, so a replay derives exactly what the live run
 * derived.
 */
public final class DerivedFacts {

  /** One trend a runbook asks for. */
  public record TrendSpec(String type, String field, long overMillis, boolean leastSquares) {
    /** The {@link Trend#spec} its facts carry. */
    public String name() {
      return Trend.spec(type, field, overMillis, leastSquares);
    }
  }

  /**
   * One sustained condition a rule asks for ({@code for: D}).
   *
   * @param name the {@link Sustained#spec} the rule joins on
   * @param holds the condition's comparisons, with the DRL's meaning
   */
  public record SustainedSpec(String name, String type, FactTest holds, long millis) {}

  /**
   * One {@code increased} condition: {@code field} grew by at least {@code by} since the entity's previous sample,
   * if that sample is at most {@code lookbackMillis} old (sweeps may be late, but not that late).
   */
  public record IncreaseSpec(String name, String type, String field, double by, long lookbackMillis) {}

  private final List<TrendSpec> trendSpecs;
  private final List<SustainedSpec> sustainedSpecs;
  private final List<IncreaseSpec> increaseSpecs;
  private final Map<Class<?>, TypeState> types = new java.util.LinkedHashMap<>(); // deterministic order
  private final List<Trend> trends = new ArrayList<>();
  private final List<Sustained> sustained = new ArrayList<>();
  private final List<Increase> increases = new ArrayList<>();
  private final List<FactHandle> handles = new ArrayList<>();
  private long sweep;

  private final Admission admission;

  DerivedFacts(SessionSpec spec) {
    this.trendSpecs = List.copyOf(spec.trends());
    this.sustainedSpecs = List.copyOf(spec.sustained());
    this.increaseSpecs = List.copyOf(spec.increases());
    this.admission = spec.admission();
  }

  /** Takes in one sweep's facts and works out the sweep's trends, sustained conditions and increases. */
  void update(long now, List<? extends Fact> facts) {
    sweep++;
    increases.clear();
    for (Fact f : facts) {
      TypeState t = types.computeIfAbsent(f.getClass(), c -> new TypeState(f));
      if (!t.occurrence) {
        t.sample(f, now, sweep);
      }
    }
    trends.clear();
    sustained.clear();
    for (TypeState t : types.values()) {
      if (t.seenIn == sweep) {
        // an entity missing from a sweep starts over: its windows are no longer covered. A sweep with no facts of
        // a type at all (the process table is read every Nth sweep only) says nothing about that type's entities.
        t.entities.values().removeIf(e -> e.seenIn != sweep);
      }
      t.derive(now, sweep, trends, sustained);
    }
  }

  /** Whether the last {@link #update} had samples of this record type (the process table is not read every sweep). */
  boolean sampledNow(Class<? extends Fact> type) {
    TypeState t = types.get(type);
    return t != null && t.seenIn == sweep;
  }

  /** The trends as of the last {@link #update} that a rule's threshold lets through (the others are of no use). */
  List<Trend> trends() {
    return trends;
  }

  /** Replaces the session's derived facts with the current ones. */
  void publish(KieSession session) {
    handles.forEach(session::delete);
    handles.clear();
    trends.forEach(t -> handles.add(session.insert(t)));
    sustained.forEach(s -> handles.add(session.insert(s)));
    increases.forEach(i -> handles.add(session.insert(i)));
  }

  /** Everything tracked for one fact type. */
  private final class TypeState {
    final boolean occurrence;
    final Function<Fact, Object> key;
    final List<TrendSpec> trendSpecs;
    final List<String> trendNames;
    final List<Function<Fact, Object>> trendFields = new ArrayList<>();
    final List<SustainedSpec> sustainedSpecs;
    final Map<Object, Entity> entities = new HashMap<>();
    final List<IncreaseSpec> increaseSpecs;
    final List<Function<Fact, Object>> increaseFields = new ArrayList<>();
    /** Each entity's latest sample, kept across gaps (unlike {@link #entities}): "previous" means any earlier one. */
    final Map<Object, Fact> latest = new HashMap<>();
    long seenIn;

    TypeState(Fact sample) {
      FactType type = FactCatalog.find(sample.type()).orElseThrow();
      occurrence = FactCatalog.isOccurrence(type.name());
      key = type.keyField().map(k -> FieldAccess.of(type.recordClass(), k)).orElse(null);
      trendSpecs = DerivedFacts.this.trendSpecs.stream().filter(s -> s.type().equals(type.name())).toList();
      trendSpecs.forEach(s -> trendFields.add(FieldAccess.of(type.recordClass(), s.field())));
      trendNames = trendSpecs.stream().map(TrendSpec::name).toList();
      sustainedSpecs = DerivedFacts.this.sustainedSpecs.stream().filter(s -> s.type().equals(type.name())).toList();
      increaseSpecs = DerivedFacts.this.increaseSpecs.stream().filter(s -> s.type().equals(type.name())).toList();
      increaseSpecs.forEach(s -> increaseFields.add(FieldAccess.of(type.recordClass(), s.field())));
    }

    void sample(Fact f, long now, long sweep) {
      seenIn = sweep;
      Object k = key == null ? "host" : key.apply(f);
      Entity e = entities.get(k);
      if (e == null) {
        e = new Entity(k, now, trendSpecs.size(), sustainedSpecs.size());
        entities.put(k, e);
      }
      e.seenIn = sweep;
      for (int i = 0; i < trendSpecs.size(); i++) {
        if (trendFields.get(i).apply(f) instanceof Number n) {
          if (e.windows[i] == null) {
            e.windows[i] = new TrendWindow();
          }
          e.windows[i].add(now, n.doubleValue(), now - trendSpecs.get(i).overMillis());
        }
      }
      for (int i = 0; i < sustainedSpecs.size(); i++) {
        if (!sustainedSpecs.get(i).holds().test(f)) {
          e.lastFailed[i] = now;
        }
      }
      if (!increaseSpecs.isEmpty()) {
        increase(k, f);
      }
    }

    /** Compares the sample with the entity's previous one: the immediately preceding sample, whatever it holds. */
    private void increase(Object k, Fact f) {
      Fact previous = latest.put(k, f);
      for (int i = 0; i < increaseSpecs.size(); i++) {
        IncreaseSpec spec = increaseSpecs.get(i);
        if (previous != null && previous.timestamp() < f.timestamp()
            && f.timestamp() - previous.timestamp() <= spec.lookbackMillis()
            && increaseFields.get(i).apply(previous) instanceof Number before
            && increaseFields.get(i).apply(f) instanceof Number after
            && before.doubleValue() <= after.doubleValue() - spec.by()) {
          increases.add(new Increase(spec.name(), k, previous));
        }
      }
      if (latest.size() > 4 * entities.size() + 64) {
        long oldest = f.timestamp() - increaseSpecs.stream().mapToLong(IncreaseSpec::lookbackMillis).max().orElse(0);
        latest.values().removeIf(p -> p.timestamp() < oldest); // entities long gone
      }
    }

    void derive(long now, long sweep, List<Trend> trendsOut, List<Sustained> sustainedOut) {
      for (Entity e : entities.values()) {
        for (int i = 0; i < trendSpecs.size(); i++) {
          TrendSpec spec = trendSpecs.get(i);
          TrendWindow w = e.windows[i];
          Double value = w == null ? null : spec.leastSquares() ? w.slope() : w.rate();
          if (value != null && e.since <= now - spec.overMillis() && admission.wants(trendNames.get(i), value)) {
            trendsOut.add(new Trend(trendNames.get(i), e.key, value));
          }
        }
        if (e.seenIn != sweep) {
          continue; // a sustained condition is about the current sample
        }
        for (int i = 0; i < sustainedSpecs.size(); i++) {
          long start = now - sustainedSpecs.get(i).millis();
          // covered, and no sample in [now - D, now] failed: exactly what "every sample in the window" means
          if (e.since <= start && e.lastFailed[i] < start) {
            sustainedOut.add(new Sustained(sustainedSpecs.get(i).name(), e.key));
          }
        }
      }
    }
  }

  /** One entity: since when it has been in every sweep, its trend windows, when each sustained condition failed. */
  private static final class Entity {
    final Object key;
    final long since;
    final TrendWindow[] windows;
    final long[] lastFailed;
    long seenIn;

    Entity(Object key, long since, int trends, int sustained) {
      this.key = key;
      this.since = since;
      this.windows = new TrendWindow[trends];
      this.lastFailed = new long[sustained];
      java.util.Arrays.fill(lastFailed, Long.MIN_VALUE);
    }
  }
}
