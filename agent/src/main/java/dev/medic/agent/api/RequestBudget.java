package dev.medic.agent.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address: {@code perSecond} requests a second, bursts up to one second's worth. A
 * flood gets 429 from the event loop at once and never reaches a handler, so the engine (on its own thread) keeps
 * deciding. At most {@link #MAX_CLIENTS} addresses are tracked, the least recently seen dropped first.
 */
final class RequestBudget {

  static final int MAX_CLIENTS = 4096;

  private final double perSecond;
  private final Map<String, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  RequestBudget(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Takes one request from the client's bucket; false when it is empty. {@code nanos} is a monotonic clock. */
  synchronized boolean take(String client, long nanos) {
    double[] b = buckets.computeIfAbsent(client, c -> new double[] {perSecond, nanos});
    b[0] = Math.min(perSecond, b[0] + (nanos - b[1]) / 1e9 * perSecond);
    b[1] = nanos;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }
}
