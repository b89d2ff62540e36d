package dev.medic.agent.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter between retries of one notification: {@code base · 2^(n-1)}, at most
 * {@code max}, then a random part of it ("equal jitter": between half and all of it), so that many agents that lost
 * the same receiver do not come back in step.
 */
public record Backoff(Duration base, Duration max) {

  /** The wait before retry {@code n} (1 for the first retry), given a random number in [0, 1). */
  public long delayMs(int n, DoubleSupplier random) {
    long exp = base.toMillis() << Math.min(n - 1, 20);
    long capped = Math.min(max.toMillis(), exp < 0 ? Long.MAX_VALUE : exp);
    return capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
  }
}
