package dev.medic.probes.kmsg;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the kernel log ({@code /dev/kmsg}) into {@code OomKill} and {@code KernelEvent} facts: a daemon thread
 * reads record by record, {@link OomKillAssembler} and {@link KernelEventClassifier} turn records into facts, and
 * a bounded queue (10,000; the oldest is dropped and counted) holds them until a sweep calls {@link #drain}.
 *
 * <p>Unless {@code fromBoot}, records stamped before the start (per {@code /proc/uptime}, see
 * {@link KernelClock}) are skipped, so a restarted engine does not act again on old kills. When the device cannot
 * be opened (kernel.dmesg_restrict without CAP_SYSLOG, no device in a container) the source runs
 * {@code journalctl -k -f -o export} instead and warns once; without journalctl either it warns once and produces
 * nothing. Failures are counted in {@link ProbeMetrics}, never thrown from the thread.
 *
 * <p>A kill is queued when its {@code Killed process} line is read; an {@code oom_reaper} line read before the
 * sweep drains that kill sets its {@code reaped}, one read after it is only logged at debug level (the kill is not
 * delivered twice). A regular file in place of the device (a fixture, a saved dump) is read to its end and not
 * followed; see {@link DeviceStream}.
 *
 * <p>Only the kernel's own records ({@link KmsgRecord#fromKernel()}) become facts: lines a process wrote to the
 * log are dropped and counted ({@link ProbeMetrics#forgedRecords()}), so no local user can fake an OOM kill.
 */
public final class KernelLogSource implements AutoCloseable {

  /** What the records are read from. */
  public enum Origin { DEVICE, FILE, JOURNAL, NONE }

  static final int CAPACITY = 10_000;
  /** The device has no end: history stops once no record came for this long (or one from after the start). */
  static final long HISTORY_IDLE_MILLIS = 200;
  static final long HISTORY_LIMIT_MILLIS = 30_000;
  /** /proc/uptime is in 10 ms steps: history reads that far past it so a record logged just before is kept. */
  static final long UPTIME_RESOLUTION_MICROS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(KernelLogSource.class);

  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final KernelClock clock;
  private final boolean fromBoot;
  private final boolean history;
  private final OomKillAssembler assembler;
  private final KernelEventClassifier classifier = new KernelEventClassifier();
  private final FactQueue queue;
  private final CountDownLatch ended = new CountDownLatch(1);
  private KmsgStream stream;
  private Origin origin = Origin.NONE;
  private Thread thread;
  private volatile boolean closed;
  private volatile long lastRecordNanos = System.nanoTime();
  private volatile KmsgRecord lastForged;

  private KernelLogSource(KernelClock clock, boolean fromBoot, boolean history, ProbeMetrics metrics) {
    this.clock = clock;
    this.fromBoot = fromBoot;
    this.history = history;
    this.metrics = metrics;
    this.assembler = new OomKillAssembler(clock.bootTimeMillis(), metrics);
    this.queue = new FactQueue(CAPACITY, metrics);
  }

  /**
   * Opens {@code root.dev("kmsg")} (or falls back to journalctl) and starts the reader thread.
   *
   * @param fromBoot deliver every record still in the kernel's buffer, not only those logged from now on
   */
  public static KernelLogSource start(HostRoot root, boolean fromBoot, ProbeMetrics metrics) {
    return start(root, fromBoot, false, metrics, JournalStream.command(root, fromBoot, true));
  }

  static KernelLogSource start(HostRoot root, boolean fromBoot, boolean history, ProbeMetrics metrics,
      List<String> journalCommand) {
    KernelLogSource source = new KernelLogSource(KernelClock.readOrJvm(root, metrics), fromBoot, history, metrics);
    source.open(root.dev("kmsg"), journalCommand);
    if (source.stream != null) {
      source.thread = new Thread(source::run, "medic-kmsg");
      source.thread.setDaemon(true);
      source.thread.start();
    }
    return source;
  }

  /**
   * The OOM kills and kernel events of the current boot that are still in the kernel's buffer, read once. The
   * device cannot be read without blocking from Java (no O_NONBLOCK), so the read stops at the first record logged
   * after this call, after {@value #HISTORY_IDLE_MILLIS} ms without a record (the buffer is exhausted), or after
   * {@value #HISTORY_LIMIT_MILLIS} ms; through journalctl ({@code -k -b}, not following) it stops when journalctl
   * exits. Kills read this way have {@code reaped} set whenever the reaper line is in the buffer.
   */
  public static List<Fact> history(HostRoot root, long timestamp, ProbeMetrics metrics) {
    return history(root, timestamp, metrics, JournalStream.command(root, true, false));
  }

  static List<Fact> history(HostRoot root, long timestamp, ProbeMetrics metrics, List<String> journalCommand) {
    try (KernelLogSource source = start(root, true, true, metrics, journalCommand)) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HISTORY_LIMIT_MILLIS);
      while (!source.awaitEnd(20) && System.nanoTime() < deadline) {
        long idle = System.nanoTime() - source.lastRecordNanos;
        if (source.origin == Origin.DEVICE && idle > TimeUnit.MILLISECONDS.toNanos(HISTORY_IDLE_MILLIS)) {
          break;
        }
      }
      source.close();
      return source.drain(timestamp);
    }
  }

  /** The facts read since the previous drain, oldest first, stamped with the sweep's {@code timestamp}. */
  public List<Fact> drain(long timestamp) {
    return queue.drain(timestamp);
  }

  /** Where the records come from; {@link Origin#NONE} when neither the device nor journalctl could be used. */
  public Origin origin() {
    return origin;
  }

  /** Stops the reader thread (closing the device unblocks its read) or journalctl. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      if (stream != null) {
        stream.close();
      }
      if (thread != null && !awaitEnd(1000)) {
        thread.interrupt();
        awaitEnd(1000);
      }
    } catch (IOException e) {
      LOG.debug("closing the kernel log: {}", e.toString());
    }
  }

  /** True once the reader thread has ended (end of a dump, journalctl exited, closed), or there is none. */
  boolean awaitEnd(long millis) {
    try {
      return thread == null || ended.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void open(Path device, List<String> journalCommand) {
    try {
      DeviceStream opened = DeviceStream.open(device, metrics, warnOnce);
      origin = opened.isDevice() ? Origin.DEVICE : Origin.FILE;
      stream = opened;
      return;
    } catch (IOException deviceError) {
      metrics.countMissingSource();
      try {
        stream = JournalStream.start(journalCommand, metrics);
        origin = Origin.JOURNAL;
        warnOnce.warn("fallback", "cannot open {} ({}); reading the kernel log through {} instead", device,
            deviceError.toString(), journalCommand.get(0));
      } catch (IOException journalError) {
        metrics.countMissingSource();
        warnOnce.warn("none", "cannot open {} ({}) nor run {} ({}): no OOM kill or kernel event facts", device,
            deviceError.toString(), journalCommand.get(0), journalError.toString());
      }
    }
  }

  private void run() {
    try {
      KmsgRecord record;
      while (!closed && (record = stream.next()) != null) {
        lastRecordNanos = System.nanoTime();
        if (history && record.monotonicMicros() > clock.nowMicros() + UPTIME_RESOLUTION_MICROS) {
          return; // logged after history() was called: the buffer's past has been read
        }
        accept(record);
      }
      if (!closed && !history && origin != Origin.FILE) {
        Integer exit = stream instanceof JournalStream journal ? journal.awaitExit(1000) : null;
        metrics.countFailedRead();
        warnOnce.warn("ended", "the kernel log ({}) ended (exit code {}): no more kernel log facts", origin, exit);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (!closed) {
        metrics.countFailedRead();
        warnOnce.warn("failed", "reading the kernel log ({}) failed, no more kernel log facts: {}", origin,
            e.toString());
      }
    } finally {
      ended.countDown();
    }
  }

  /**
   * A record a process wrote into the kernel log: any local user can write {@code /dev/kmsg}, so such a line saying
   * "Killed process" is a forgery, not an OOM kill. Dropped, counted, and said once in the log.
   */
  private void forged(KmsgRecord record) {
    metrics.countForgedRecord();
    lastForged = record;
    warnOnce.warn("forged", "kernel log: dropping records written by user space (facility {}, not the kernel's): "
        + "they cannot be OOM kills or kernel events; counted as forged records", record.facility());
  }

  /** The last record dropped as written by user space; for diagnostics and tests. */
  KmsgRecord lastForged() {
    return lastForged;
  }

  private void accept(KmsgRecord record) {
    if (!fromBoot && record.monotonicMicros() < clock.nowMicros()) {
      return;
    }
    if (!record.fromKernel()) {
      forged(record);
      return;
    }
    try {
      assembler.accept(record).ifPresent(queue::add);
      OptionalInt reaped = OomKillAssembler.reapedPid(record.message());
      if (reaped.isPresent() && !queue.markReaped(reaped.getAsInt())) {
        LOG.debug("oom_reaper line for pid {} after its kill was drained", reaped.getAsInt());
      }
      classifier.classify(record, clock.kernelTime(record.monotonicMicros()), 0).ifPresent(queue::add);
    } catch (RuntimeException e) {
      // one record that trips a parser must not end the stream
      metrics.countSkippedRecord();
      warnOnce.warn("record", "kernel log record {} skipped: {}", record.sequence(), e.toString());
    }
  }
}
