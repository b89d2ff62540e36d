package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a {@code /proc/sys/net} file as a namespace sees it. procfs shows {@code /proc/sys/net} of the reading
 * thread's namespace, not of {@code <pid>}'s, so the read runs on the namespace's {@link NamespaceThread}; without
 * one it is possible only for Medic's own namespace (anchor {@code self}, also what a fixture tree is).
 */
final class NamespaceSysctl {

  /** How long a sysctl read on a namespace thread may take. */
  static final long TIMEOUT_MILLIS = 2_000;

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce;

  NamespaceSysctl(HostRoot root, ProbeMetrics metrics, WarnOnce warnOnce) {
    this.root = root;
    this.metrics = metrics;
    this.warnOnce = warnOnce;
  }

  /**
   * The content of {@code /proc/sys/<relative>} in {@code ns}; null when it is missing or unreadable (counted,
   * warned once) or when {@code ns} is another namespace and there is no thread to read it on (not counted: the
   * caller chose not to enter it).
   */
  String read(NetNamespace ns, NamespaceThread thread, String relative) {
    Path file = root.proc("sys/" + relative);
    if (thread == null) {
      return "self".equals(ns.pid()) ? SourceReads.readOrNull(file, metrics, warnOnce) : null;
    }
    try {
      return thread.call(() -> KernelFiles.read(file), TIMEOUT_MILLIS);
    } catch (NoSuchFileException e) {
      if (warnOnce.warn("missing " + ns.id() + " " + relative, "{} has no {}", ns, file)) {
        metrics.countMissingSource();
      }
    } catch (IOException e) {
      metrics.countFailedRead();
      warnOnce.warn("read " + ns.id() + " " + relative, "cannot read {} in {}: {}", file, ns, e.toString());
    }
    return null;
  }

  /** The single integer of {@link #read}; null when absent or not one (counted). */
  Long readLong(NetNamespace ns, NamespaceThread thread, String relative) {
    return SourceReads.integer(read(ns, thread, relative), metrics);
  }
}
