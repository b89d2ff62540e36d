package dev.medic.engine.session;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.TreeMap;
import org.kie.api.runtime.rule.AccumulateFunction;

/**
 * {@code rate}: (last value − first value) / (last time − first time) over a window's points, per minute; null
 * below two points. Suited to counters, where the ends matter and the path between them does not.
 */
public final class RateFunction implements AccumulateFunction<RateFunction.Points> {

  /** The window's points by time; several samples may share a time only in synthetic data. */
  public static final class Points implements Serializable {
    final TreeMap<Double, double[]> byTime = new TreeMap<>();
  }

  @Override
  public Points createContext() {
    return new Points();
  }

  @Override
  public void init(Points p) {
    p.byTime.clear();
  }

  @Override
  public void accumulate(Points p, Object value) {
    Point pt = (Point) value;
    double[] sumAndCount = p.byTime.computeIfAbsent(pt.millis(), k -> new double[2]);
    sumAndCount[0] += pt.value();
    sumAndCount[1]++;
  }

  @Override
  public void reverse(Points p, Object value) {
    Point pt = (Point) value;
    double[] sumAndCount = p.byTime.get(pt.millis());
    if (sumAndCount != null) {
      sumAndCount[0] -= pt.value();
      if (--sumAndCount[1] <= 0) {
        p.byTime.remove(pt.millis());
      }
    }
  }

  @Override
  public Object getResult(Points p) {
    if (p.byTime.size() < 2) {
      return null;
    }
    var first = p.byTime.firstEntry();
    var last = p.byTime.lastEntry();
    double dy = last.getValue()[0] / last.getValue()[1] - first.getValue()[0] / first.getValue()[1];
    return dy / ((last.getKey() - first.getKey()) / 60_000.0);
  }

  @Override
  public boolean supportsReverse() {
    return true;
  }

  @Override
  public Class<?> getResultType() {
    return Double.class;
  }

  @Override
  public void writeExternal(ObjectOutput out) {}

  @Override
  public void readExternal(ObjectInput in) {}
}
