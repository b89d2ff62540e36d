package dev.medic.probes.kmsg;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where "now" is on the kernel log's monotonic clock, read from {@code /proc/uptime} once when a source starts,
 * and the boot time that turns a record's stamp into epoch milliseconds.
 *
 * @param bootTimeMillis epoch milliseconds at monotonic zero
 * @param nowMicros the monotonic stamp a record logged at the moment of reading would carry
 */
record KernelClock(long bootTimeMillis, long nowMicros) {

  private static final Logger LOG = LoggerFactory.getLogger(KernelClock.class);

  /**
   * From {@code <root>/proc/uptime}, which has 10 ms resolution. Uptime keeps counting during suspend while kmsg
   * stamps stop (local_clock), so after a suspend uptime is ahead of the stamps and "skip records before now" would
   * drop fresh records for as long as the host slept. On the live root the JVM's {@code System.nanoTime()}
   * (CLOCK_MONOTONIC on Linux: µs precision, also stopped during suspend) is used instead when it is plausibly that
   * clock: positive and not more than a second past uptime.
   *
   * @throws IOException when /proc/uptime cannot be read or parsed (the caller falls back to {@link #jvm()})
   */
  static KernelClock read(HostRoot root, long nowMillis) throws IOException {
    String content = KernelFiles.read(root.proc("uptime")).trim();
    int space = content.indexOf(' ');
    double seconds;
    try {
      seconds = Double.parseDouble(space < 0 ? content : content.substring(0, space));
    } catch (NumberFormatException e) {
      throw new IOException("uptime: not a number: '" + KernelFiles.abbreviate(content) + "'");
    }
    long micros = Math.round(seconds * 1_000_000);
    if (root.root().equals(Path.of("/"))) {
      long monotonic = System.nanoTime() / 1000;
      if (monotonic > 0 && monotonic <= micros + 1_000_000) {
        micros = monotonic;
      }
    }
    return new KernelClock(nowMillis - micros / 1000, micros);
  }

  /** {@link #read}, or {@link #jvm} with one warning and a missing source counted when uptime is unreadable. */
  static KernelClock readOrJvm(HostRoot root, ProbeMetrics metrics) {
    long now = System.currentTimeMillis();
    try {
      return read(root, now);
    } catch (IOException e) {
      metrics.countMissingSource();
      LOG.warn("cannot read {} ({}); kernel log times use the JVM's monotonic clock", root.proc("uptime"),
          e.toString());
      return jvm(now);
    }
  }

  /** Without /proc/uptime: the JVM's monotonic clock, which on Linux is the kernel's CLOCK_MONOTONIC. */
  static KernelClock jvm(long nowMillis) {
    long micros = System.nanoTime() / 1000;
    return new KernelClock(nowMillis - micros / 1000, micros);
  }

  /** Epoch milliseconds of a record with this monotonic stamp. */
  long kernelTime(long monotonicMicros) {
    return bootTimeMillis + monotonicMicros / 1000;
  }
}
