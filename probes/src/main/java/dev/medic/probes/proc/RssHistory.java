package dev.medic.probes.proc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recent VmRSS of each process across sweeps of {@code /proc/<pid>/status}, and its growth rate: the least-squares
 * slope in bytes per minute (the guide's "memory usage pattern over time", the leak signal). A slope over the
 * whole window rather than the last two points, so one GC cycle or a burst of page cache does not look like a leak.
 *
 * <p>Keyed by pid and the process's start (stat starttime), so a reused pid starts a fresh history. Memory is
 * bounded: the window is cut into equal time slots (7.6 s for the defaults) and the samples of one slot are
 * averaged into one point, at most {@link #MAX_POINTS} per process, so every part of the window weighs the same in
 * the slope whatever the sweep interval (with a 2 s sweep a slot averages about four sweeps; thinning only the old
 * points would instead let the last minute outweigh the other fourteen). A point is two longs and an int: a full
 * history is about 2.6 KB with its map entry, a process seen a few times a few hundred bytes (the arrays grow on
 * demand), and processes missing from a sweep are evicted by {@link #retain}. 1000 long-lived processes cost
 * about 2.6 MB. Thread-safe.
 */
public final class RssHistory {

  /** How far back the slope looks. */
  public static final long WINDOW_MILLIS = 15 * 60_000L;
  /** Points (time slots) kept per process. */
  public static final int MAX_POINTS = 120;
  /** A slope from two points is one noisy difference; three is the least that shows a trend. */
  static final int MIN_POINTS = 3;
  /** Below this span a slope extrapolates a few seconds of jitter to a per-minute rate. */
  static final long MIN_SPAN_MILLIS = 30_000;

  private final long windowMillis;
  private final int maxPoints;
  private final long slotMillis;
  private final Map<Integer, Track> tracks = new HashMap<>();

  public RssHistory() {
    this(WINDOW_MILLIS, MAX_POINTS);
  }

  public RssHistory(long windowMillis, int maxPoints) {
    if (windowMillis < MIN_SPAN_MILLIS || maxPoints < 2 * MIN_POINTS) {
      throw new IllegalArgumentException("window " + windowMillis + " ms, " + maxPoints + " points: too small");
    }
    this.windowMillis = windowMillis;
    this.maxPoints = maxPoints;
    // window / (maxPoints - 2), rounded up: a window's slots, the partial ones at both ends included, fit
    this.slotMillis = (windowMillis + maxPoints - 3) / (maxPoints - 2);
  }

  /**
   * Adds one sample and returns the growth in bytes per minute, or null until the history holds at least
   * {@value #MIN_POINTS} points (time slots) spanning {@value #MIN_SPAN_MILLIS} ms.
   *
   * @param start anything fixed for the life of the process (its stat starttime); a change means a new process
   * @param timestamp epoch ms of the sweep; a timestamp earlier than the last one (the clock was stepped back)
   *     restarts the history
   */
  public synchronized Double record(int pid, long start, long timestamp, long rss) {
    Track track = tracks.get(pid);
    if (track == null || track.start != start || timestamp < track.last) {
      track = new Track(start);
      tracks.put(pid, track);
    }
    track.add(timestamp, rss, slotMillis, windowMillis, maxPoints);
    return track.slopePerMinute();
  }

  /** Forgets every process whose pid is not in {@code alive}: run once per sweep, after recording it. */
  public synchronized void retain(Set<Integer> alive) {
    tracks.keySet().retainAll(alive);
  }

  /** How many processes have a history. */
  public synchronized int size() {
    return tracks.size();
  }

  /** Points held for {@code pid}, 0 when none; for tests of the bound. */
  synchronized int points(int pid) {
    Track track = tracks.get(pid);
    return track == null ? 0 : track.size;
  }

  /** One process: per slot, the sums of the sample times and RSS values and how many samples they hold. */
  private static final class Track {
    /** More samples than this in one slot (sweeps faster than 8 kHz) are dropped: keeps the sums from overflowing. */
    static final int MAX_PER_SLOT = 1 << 16;

    final long start;
    long last = Long.MIN_VALUE;
    long[] timeSums = new long[8];
    long[] rssSums = new long[8];
    int[] counts = new int[8];
    int size;

    Track(long start) {
      this.start = start;
    }

    void add(long timestamp, long rss, long slotMillis, long windowMillis, int maxPoints) {
      last = timestamp;
      long oldest = Math.floorDiv(timestamp - windowMillis, slotMillis);
      int expired = 0;
      while (expired < size && slot(expired, slotMillis) < oldest) {
        expired++;
      }
      remove(expired);
      if (size > 0 && slot(size - 1, slotMillis) == Math.floorDiv(timestamp, slotMillis)) {
        if (counts[size - 1] < MAX_PER_SLOT) {
          timeSums[size - 1] += timestamp;
          rssSums[size - 1] += rss;
          counts[size - 1]++;
        }
        return;
      }
      if (size == maxPoints) {
        remove(1); // the slot size the constructor picks keeps a window below maxPoints; this is the hard bound
      }
      if (size == counts.length) {
        int capacity = Math.min(maxPoints, counts.length * 2);
        timeSums = Arrays.copyOf(timeSums, capacity);
        rssSums = Arrays.copyOf(rssSums, capacity);
        counts = Arrays.copyOf(counts, capacity);
      }
      timeSums[size] = timestamp;
      rssSums[size] = rss;
      counts[size] = 1;
      size++;
    }

    /** The mean time of a slot lies inside it, so it names the slot. */
    private long slot(int i, long slotMillis) {
      return Math.floorDiv(timeSums[i] / counts[i], slotMillis);
    }

    private void remove(int first) {
      if (first > 0) {
        System.arraycopy(timeSums, first, timeSums, 0, size - first);
        System.arraycopy(rssSums, first, rssSums, 0, size - first);
        System.arraycopy(counts, first, counts, 0, size - first);
        size -= first;
      }
    }

    Double slopePerMinute() {
      if (size < MIN_POINTS || time(size - 1) - time(0) < MIN_SPAN_MILLIS) {
        return null;
      }
      // minutes and bytes relative to the first point: keeps the sums small enough for doubles to stay exact
      double x0 = time(0);
      double y0 = rss(0);
      double meanX = 0;
      double meanY = 0;
      for (int i = 0; i < size; i++) {
        meanX += (time(i) - x0) / 60_000.0;
        meanY += rss(i) - y0;
      }
      meanX /= size;
      meanY /= size;
      double sxy = 0;
      double sxx = 0;
      for (int i = 0; i < size; i++) {
        double dx = (time(i) - x0) / 60_000.0 - meanX;
        sxy += dx * (rss(i) - y0 - meanY);
        sxx += dx * dx;
      }
      return sxx == 0 ? null : sxy / sxx;
    }

    private double time(int i) {
      return (double) timeSums[i] / counts[i];
    }

    private double rss(int i) {
      return (double) rssSums[i] / counts[i];
    }
  }
}
