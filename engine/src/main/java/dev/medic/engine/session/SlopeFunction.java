package dev.medic.engine.session;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import org.kie.api.runtime.rule.AccumulateFunction;

/**
 * {@code slope}: the least-squares slope of a window's points, in value units per minute; null below two points.
 * Incremental and reversible, so a sliding window costs O(1) per sample that enters or leaves it.
 */
public final class SlopeFunction implements AccumulateFunction<SlopeFunction.Sums> {

  /** Running sums; x is in minutes relative to the first point seen, which keeps the squares small. */
  public static final class Sums implements Serializable {
    double origin = Double.NaN;
    double n;
    double sx;
    double sy;
    double sxx;
    double sxy;
  }

  @Override
  public Sums createContext() {
    return new Sums();
  }

  @Override
  public void init(Sums s) {
    s.origin = Double.NaN;
    s.n = s.sx = s.sy = s.sxx = s.sxy = 0;
  }

  @Override
  public void accumulate(Sums s, Object value) {
    add(s, (Point) value, 1);
  }

  @Override
  public void reverse(Sums s, Object value) {
    add(s, (Point) value, -1);
  }

  private static void add(Sums s, Point p, int sign) {
    if (Double.isNaN(s.origin)) {
      s.origin = p.millis();
    }
    double x = (p.millis() - s.origin) / 60_000.0;
    s.n += sign;
    s.sx += sign * x;
    s.sy += sign * p.value();
    s.sxx += sign * x * x;
    s.sxy += sign * x * p.value();
  }

  @Override
  public Object getResult(Sums s) {
    double d = s.n * s.sxx - s.sx * s.sx;
    return s.n < 2 || Math.abs(d) < 1e-12 ? null : (s.n * s.sxy - s.sx * s.sy) / d;
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
