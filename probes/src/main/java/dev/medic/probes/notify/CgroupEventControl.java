package dev.medic.probes.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A cgroup v1 memory threshold: an eventfd registered in the cgroup's {@code cgroup.event_control} against its
 * {@code memory.usage_in_bytes} (Documentation/admin-guide/cgroup-v1/memory.rst, "Memory thresholds"). The kernel
 * checks thresholds every 128 page events of the cgroup (512 KiB with 4 KiB pages) and signals the eventfd when
 * usage crosses the threshold in either direction, so this is the fastest source there is on v1: no polling, and the
 * wakeup arrives while the filler is still allocating. {@link #await} reports only upward crossings (usage read right
 * after the wakeup at or above the threshold). The registration dies with the cgroup; {@link #close} releases it.
 */
public final class CgroupEventControl implements CrossingNotifier {

  public static final String SOURCE = "cgroup.event_control";
  private static final String USAGE = "memory.usage_in_bytes";

  private final String scope;
  private final Path usageFile;
  private final long threshold;
  private final int eventFd;
  private final int usageFd;

  private CgroupEventControl(String scope, Path usageFile, long threshold, int eventFd, int usageFd) {
    this.scope = scope;
    this.usageFile = usageFile;
    this.threshold = threshold;
    this.eventFd = eventFd;
    this.usageFd = usageFd;
  }

  /**
   * Arms a threshold of {@code threshold} bytes on the v1 memory cgroup in {@code dir}.
   *
   * @param scope the cgroup's path inside the hierarchy, for the crossings
   * @throws IOException when the cgroup has no {@code cgroup.event_control} (v2, or no permission)
   */
  public static CgroupEventControl arm(Path dir, String scope, long threshold) throws IOException {
    NotifyLibC c = NotifyLibC.get();
    int efd = -1;
    int ufd = -1;
    int cfd = -1;
    try {
      efd = c.eventfd(0, NotifyLibC.EFD_CLOEXEC);
      ufd = c.open(dir.resolve(USAGE).toString(), NotifyLibC.O_RDONLY | NotifyLibC.O_CLOEXEC);
      cfd = c.open(dir.resolve("cgroup.event_control").toString(), NotifyLibC.O_WRONLY | NotifyLibC.O_CLOEXEC);
      byte[] line = registration(efd, ufd, threshold).getBytes(StandardCharsets.US_ASCII);
      c.write(cfd, line, new NativeLong(line.length));
      return new CgroupEventControl(scope, dir.resolve(USAGE), threshold, efd, ufd);
    } catch (LastErrorException e) {
      NotifyLibC.closeQuietly(efd);
      NotifyLibC.closeQuietly(ufd);
      throw new IOException("cannot arm a memory threshold on " + dir + ": errno " + e.getErrorCode(), e);
    } finally {
      NotifyLibC.closeQuietly(cfd);
    }
  }

  /** The line {@code cgroup.event_control} takes: {@code <eventfd> <fd of memory.usage_in_bytes> <bytes>}. */
  static String registration(int eventFd, int usageFd, long threshold) {
    if (eventFd < 0 || usageFd < 0 || threshold <= 0) {
      throw new IllegalArgumentException("bad threshold registration: " + eventFd + " " + usageFd + " " + threshold);
    }
    return eventFd + " " + usageFd + " " + threshold;
  }

  /** The eventfd's 8-byte counter (native order): how many crossings since the last read. */
  static long parseCounter(byte[] counter) throws KernelFormatException {
    if (counter.length != Long.BYTES) {
      throw new KernelFormatException("eventfd read " + counter.length + " bytes, expected 8");
    }
    return ByteBuffer.wrap(counter).order(ByteOrder.nativeOrder()).getLong();
  }

  /** Whether the usage read after a wakeup says the crossing was upward. */
  static boolean upward(String usage, long threshold) throws KernelFormatException {
    return KernelFiles.parseSingleLong(usage, USAGE) >= threshold;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  public long threshold() {
    return threshold;
  }

  @Override
  public Optional<Crossing> await(int timeoutMillis) throws IOException {
    short revents;
    try {
      revents = NotifyLibC.await(eventFd, NotifyLibC.POLLIN, timeoutMillis);
    } catch (LastErrorException e) {
      throw new IOException("poll on the threshold eventfd of " + scope + ": errno " + e.getErrorCode(), e);
    }
    if (revents == 0) {
      return Optional.empty();
    }
    long nanos = System.nanoTime();
    long wall = System.currentTimeMillis();
    byte[] counter = new byte[Long.BYTES];
    try {
      NotifyLibC.get().read(eventFd, counter, new NativeLong(counter.length));
      parseCounter(counter);
      String usage = KernelFiles.read(usageFile);
      if (!upward(usage, threshold)) {
        return Optional.empty(); // a downward crossing: usage fell back below the threshold
      }
      return Optional.of(new Crossing(SOURCE, scope, KernelFiles.parseSingleLong(usage, USAGE), threshold, nanos,
          wall));
    } catch (LastErrorException e) {
      throw new IOException("read of the threshold eventfd of " + scope + ": errno " + e.getErrorCode(), e);
    } catch (KernelFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // closing the eventfd makes the kernel drop the registration (memcg_event_remove)
    NotifyLibC.closeQuietly(eventFd);
    NotifyLibC.closeQuietly(usageFd);
  }
}
