package dev.medic.probes.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A PSI trigger (Documentation/accounting/psi.rst, "Monitoring for pressure thresholds"): {@code some 150000
 * 1000000} written to {@code /proc/pressure/memory} (the host) or a v2 cgroup's {@code memory.pressure} makes the
 * kernel raise {@code POLLPRI} on that descriptor when tasks stalled on memory for 150 ms within a 1 s window. It
 * measures stall, not usage: on a host without swap a filler allocates unstalled until it reaches the limit, so this
 * fires at the limit (when reclaim starts), not before it; docs/reaction.md has the measured figures. Its use is
 * the host, where no usage threshold exists, and thrashing with swap.
 */
public final class PressureTrigger implements CrossingNotifier {

  public static final String SOURCE = "pressure";
  /** The kernel's bounds on a trigger's window, microseconds. */
  static final long MIN_WINDOW_MICROS = 500_000;
  static final long MAX_WINDOW_MICROS = 10_000_000;

  private static final int EINVAL = 22;

  private final String scope;
  private final int fd;
  private final long windowMicros;

  private PressureTrigger(String scope, int fd, long windowMicros) {
    this.scope = scope;
    this.fd = fd;
    this.windowMicros = windowMicros;
  }

  /**
   * Arms a {@code some} trigger on a pressure file ({@code root.proc("pressure/memory")} or a v2 cgroup's
   * {@code memory.pressure}). The descriptor must stay open: closing it removes the trigger. A window the kernel
   * refuses as unprivileged is retried once rounded up to a multiple of 2 s.
   *
   * @throws IOException when the kernel has no PSI or refuses the trigger (EINVAL for a window out of bounds)
   */
  public static PressureTrigger arm(Path pressureFile, String scope, long stallMicros, long windowMicros)
      throws IOException {
    try {
      return armOnce(pressureFile, scope, stallMicros, windowMicros);
    } catch (LastErrorException e) {
      long unprivileged = unprivilegedWindow(windowMicros);
      if (e.getErrorCode() == EINVAL && unprivileged != windowMicros) {
        try {
          return armOnce(pressureFile, scope, stallMicros, unprivileged);
        } catch (LastErrorException again) {
          e = again;
        }
      }
      throw new IOException("cannot arm a PSI trigger on " + pressureFile + ": errno " + e.getErrorCode(), e);
    }
  }

  /**
   * Without CAP_SYS_RESOURCE (kernel 6.4+, also root in a VM sandbox that drops it) the kernel takes only windows
   * that are whole multiples of 2 s: the window rounded up to one, within the 10 s bound.
   */
  static long unprivilegedWindow(long windowMicros) {
    long two = 2_000_000;
    return Math.min(MAX_WINDOW_MICROS, (windowMicros + two - 1) / two * two);
  }

  private static PressureTrigger armOnce(Path pressureFile, String scope, long stallMicros, long windowMicros) {
    byte[] line = trigger(stallMicros, windowMicros).getBytes(StandardCharsets.US_ASCII);
    NotifyLibC c = NotifyLibC.get();
    int fd = -1;
    try {
      fd = c.open(pressureFile.toString(), NotifyLibC.O_RDWR | NotifyLibC.O_NONBLOCK | NotifyLibC.O_CLOEXEC);
      c.write(fd, line, new NativeLong(line.length));
      return new PressureTrigger(scope, fd, windowMicros);
    } catch (LastErrorException e) {
      NotifyLibC.closeQuietly(fd);
      throw e;
    }
  }

  /** The window the kernel accepted, microseconds (see {@link #unprivilegedWindow}). */
  public long windowMicros() {
    return windowMicros;
  }

  /** The trigger line, NUL-terminated as psi.rst's example writes it; refuses what the kernel would refuse. */
  static String trigger(long stallMicros, long windowMicros) {
    if (windowMicros < MIN_WINDOW_MICROS || windowMicros > MAX_WINDOW_MICROS) {
      throw new IllegalArgumentException("a PSI window is 500 ms to 10 s, not " + windowMicros + " µs");
    }
    if (stallMicros <= 0 || stallMicros > windowMicros) {
      throw new IllegalArgumentException("a PSI stall threshold is 1 µs to the window, not " + stallMicros + " µs");
    }
    return "some " + stallMicros + " " + windowMicros + "\0";
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Crossing> await(int timeoutMillis) throws IOException {
    short revents;
    try {
      revents = NotifyLibC.await(fd, NotifyLibC.POLLPRI, timeoutMillis);
    } catch (LastErrorException e) {
      throw new IOException("poll on the PSI trigger of " + scope + ": errno " + e.getErrorCode(), e);
    }
    if (revents == 0) {
      return Optional.empty();
    }
    if ((revents & NotifyLibC.POLLERR) != 0) {
      throw new IOException("the PSI trigger of " + scope + " is gone (its cgroup was removed)");
    }
    return Optional.of(new Crossing(SOURCE, scope, null, null, System.nanoTime(), System.currentTimeMillis()));
  }

  @Override
  public void close() {
    NotifyLibC.closeQuietly(fd);
  }
}
