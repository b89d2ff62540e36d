package dev.medic.engine.session;

/**
 * How fast one field of one entity moved over a window, per minute, as of the current sweep. The engine computes
 * it incrementally (rules would otherwise re-scan the whole window every sweep) and replaces it every sweep; it
 * exists only while the window is covered and holds at least two samples.
 *
 * @param spec which trend: {@code <type>.<field>/<over ms>/<trend|rate>}
 * @param key the entity, typed as its fact's key field (see {@link Presence})
 * @param perMinute the least-squares slope ({@code trend}) or last-minus-first rate ({@code rate})
 */
public record Trend(String spec, Object key, double perMinute) {

  public static String spec(String type, String field, long overMillis, boolean leastSquares) {
    return type + "." + field + "/" + overMillis + "/" + (leastSquares ? "trend" : "rate");
  }
}
