package dev.medic.probes.notify;

import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The fallback where no kernel notification exists (v2 has no usage thresholds, and {@code memory.events} changes
 * only at {@code high}/{@code max}, i.e. at the crossing itself): reads the usage file ({@code memory.current} or
 * {@code memory.usage_in_bytes}) of just the scopes near their limit every {@code intervalMillis}, about 6 µs a
 * read, and reports a scope when it rises to its threshold. Edge-triggered: a scope is reported once per upward
 * crossing, again only after it fell below.
 */
public final class UsagePoller implements CrossingNotifier {

  public static final String SOURCE = "poll";

  /** A scope near its limit: where its usage file is and the bytes that count as crossing. */
  public record Watched(String scope, Path usageFile, long threshold) {}

  private final List<Watched> watched;
  private final boolean[] above;
  private final int intervalMillis;

  public UsagePoller(List<Watched> watched, int intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("poll interval must be positive: " + intervalMillis);
    }
    this.watched = List.copyOf(watched);
    this.above = new boolean[this.watched.size()];
    this.intervalMillis = intervalMillis;
  }

  /** The usage file's bytes. */
  static long parse(String usage, Path file) throws KernelFormatException {
    return KernelFiles.parseSingleLong(usage, file.getFileName().toString());
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Crossing> await(int timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      Optional<Crossing> crossing = pollOnce();
      if (crossing.isPresent()) {
        return crossing;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      try {
        Thread.sleep(Math.min(intervalMillis, Math.max(1, left / 1_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /** One pass over the watched scopes: the first that rose to its threshold since the last pass. */
  Optional<Crossing> pollOnce() throws IOException {
    for (int i = 0; i < watched.size(); i++) {
      Watched w = watched.get(i);
      long usage;
      try {
        usage = parse(KernelFiles.read(w.usageFile()), w.usageFile());
      } catch (KernelFormatException e) {
        throw new IOException(e.getMessage(), e);
      }
      boolean now = usage >= w.threshold();
      boolean rose = now && !above[i];
      above[i] = now;
      if (rose) {
        return Optional.of(new Crossing(SOURCE, w.scope(), usage, w.threshold(), System.nanoTime(),
            System.currentTimeMillis()));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    // nothing held between reads
  }
}
