package dev.medic.engine.session;

/**
 * One entity's points in a trend window, with running least-squares sums (x in minutes from the first point), in
 * a ring of primitive arrays: a window gets a point per entity per sweep, so it must not allocate per point.
 */
final class TrendWindow {

  private long[] times = new long[8];
  private double[] xs = new double[8];
  private double[] values = new double[8];
  private int head;
  private int size;
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
    if (size == times.length) {
      grow();
    }
    int at = (head + size) % times.length;
    times[at] = t;
    xs[at] = x;
    values[at] = v;
    size++;
    sum(x, v, 1);
    while (times[head] < oldest) {
      sum(xs[head], values[head], -1);
      head = (head + 1) % times.length;
      size--;
    }
  }

  private void grow() {
    long[] t = new long[times.length * 2];
    double[] x = new double[t.length];
    double[] v = new double[t.length];
    for (int i = 0; i < size; i++) {
      int from = (head + i) % times.length;
      t[i] = times[from];
      x[i] = xs[from];
      v[i] = values[from];
    }
    times = t;
    xs = x;
    values = v;
    head = 0;
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
    if (size < 2) {
      return null;
    }
    int last = (head + size - 1) % times.length;
    return (values[last] - values[head]) / ((times[last] - times[head]) / 60_000.0);
  }
}
