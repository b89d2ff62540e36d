package dev.medic.engine.session;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.Fact;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Keeps the {@link Presence} and {@link Trend} facts of a session in step with the sweeps, in O(1) per sample:
 * what would otherwise be a scan of every entity's history in the rules on every sweep. Deterministic, so a replay
 * derives exactly what the live run derived.
 */
public final class DerivedFacts {

  /** One trend a runbook asks for. */
  public record TrendSpec(String type, String field, long overMillis, boolean leastSquares) {
    String name() {
      return Trend.spec(type, field, overMillis, leastSquares);
    }
  }

  /** An entity: its fact type and its key as the fact holds it. */
  private record Entity(String type, Object key) {}

  /** What this class needs per fact class, worked out once: reflection per fact would dominate a replay. */
  private record Meta(String type, Method key, boolean occurrence, List<Method> trendFields, List<TrendSpec> specs) {}

  private final List<TrendSpec> trends;
  private final Map<Class<?>, Meta> metas = new HashMap<>();
  private final Map<Entity, Presence> presence = new HashMap<>();
  private final Map<Entity, FactHandle> presenceHandles = new HashMap<>();
  private final Map<TrendSpec, Map<Object, Window>> windows = new HashMap<>();
  private final List<FactHandle> trendHandles = new java.util.ArrayList<>();

  DerivedFacts(List<TrendSpec> trends) {
    this.trends = List.copyOf(trends);
  }

  void update(KieSession session, long now, List<? extends Fact> facts) {
    Set<Entity> seen = new HashSet<>();
    for (Fact f : facts) {
      Meta meta = metas.computeIfAbsent(f.getClass(), c -> meta(f));
      if (meta.occurrence()) {
        continue; // occurrences are not sampled entities
      }
      Object key = meta.key() == null ? "host" : invoke(meta.key(), f);
      Entity id = new Entity(meta.type(), key);
      seen.add(id);
      if (!presence.containsKey(id)) {
        Presence p = new Presence(meta.type(), key, now);
        presence.put(id, p);
        presenceHandles.put(id, session.insert(p));
      }
      for (int i = 0; i < meta.specs().size(); i++) {
        TrendSpec spec = meta.specs().get(i);
        if (invoke(meta.trendFields().get(i), f) instanceof Number n) {
          windows.computeIfAbsent(spec, k -> new HashMap<>()).computeIfAbsent(key, k -> new Window())
              .add(now, n.doubleValue(), now - spec.overMillis());
        }
      }
    }
    // an entity missing from a sweep starts over: its windows are no longer covered. A sweep with no facts of a
    // type at all (the process table is read every Nth sweep only) says nothing about that type's entities.
    Set<String> typesSeen = new HashSet<>();
    seen.forEach(e -> typesSeen.add(e.type()));
    presence.keySet().removeIf(id -> {
      if (seen.contains(id) || !typesSeen.contains(id.type())) {
        return false;
      }
      session.delete(presenceHandles.remove(id));
      return true;
    });
    refreshTrends(session, now);
  }

  private void refreshTrends(KieSession session, long now) {
    trendHandles.forEach(session::delete);
    trendHandles.clear();
    windows.forEach((spec, byKey) -> byKey.entrySet().removeIf(e -> {
      Presence p = presence.get(new Entity(spec.type(), e.getKey()));
      if (p == null) {
        return true; // the entity is gone: forget its window
      }
      Double value = spec.leastSquares() ? e.getValue().slope() : e.getValue().rate();
      if (value != null && p.since() <= now - spec.overMillis()) {
        trendHandles.add(session.insert(new Trend(spec.name(), e.getKey(), value)));
      }
      return false;
    }));
  }

  private Meta meta(Fact f) {
    FactType type = FactCatalog.find(f.type()).orElseThrow();
    List<TrendSpec> specs = trends.stream().filter(t -> t.type().equals(type.name())).toList();
    return new Meta(type.name(), type.keyField().map(k -> accessor(f, k)).orElse(null),
        FactCatalog.isOccurrence(type.name()),
        specs.stream().map(t -> accessor(f, t.field())).toList(), specs);
  }

  private static Method accessor(Fact f, String field) {
    for (RecordComponent rc : f.getClass().getRecordComponents()) {
      if (rc.getName().equals(field)) {
        return rc.getAccessor();
      }
    }
    throw new IllegalArgumentException("no field " + field + " on " + f.type());
  }

  private static Object invoke(Method m, Fact f) {
    try {
      return m.invoke(f);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One entity's points in a trend window, with running least-squares sums (x in minutes from the first point). */
  private static final class Window {
    private final Deque<double[]> points = new ArrayDeque<>();
    private double origin = Double.NaN;
    private double n;
    private double sx;
    private double sy;
    private double sxx;
    private double sxy;

    void add(long t, double v, long oldest) {
      if (Double.isNaN(origin)) {
        origin = t;
      }
      double x = (t - origin) / 60_000.0;
      points.addLast(new double[] {t, x, v});
      sum(x, v, 1);
      while (points.peekFirst()[0] < oldest) {
        double[] p = points.removeFirst();
        sum(p[1], p[2], -1);
      }
    }

    private void sum(double x, double v, int sign) {
      n += sign;
      sx += sign * x;
      sy += sign * v;
      sxx += sign * x * x;
      sxy += sign * x * v;
    }

    Double slope() {
      double d = n * sxx - sx * sx;
      return n < 2 || Math.abs(d) < 1e-12 ? null : (n * sxy - sx * sy) / d;
    }

    Double rate() {
      if (points.size() < 2) {
        return null;
      }
      double[] first = points.peekFirst();
      double[] last = points.peekLast();
      return (last[2] - first[2]) / ((last[0] - first[0]) / 60_000.0);
    }
  }
}
