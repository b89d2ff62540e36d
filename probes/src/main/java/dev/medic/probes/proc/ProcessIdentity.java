package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.util.Optional;

/**
 * Who one process is, read on demand through the probes' own parsers: for the actions, which must tell the planned
 * process from whatever holds its pid now with exactly the values the probes put in {@code ProcessSample} (the
 * sweep itself reads every process through {@link ProcessReader}). Reads never throw for a host problem: a process
 * that is gone or unreadable is empty.
 */
public final class ProcessIdentity {

  private ProcessIdentity() {}

  /** The process's {@code stat}, or empty when it is gone or the line cannot be parsed. */
  public static Optional<PidStat> stat(HostRoot root, int pid) {
    try {
      return Optional.of(PidStat.read(root, pid));
    } catch (IOException | KernelFormatException e) {
      return Optional.empty();
    }
  }

  /** True while the pid exists and has not exited (a zombie counts as gone: it has nothing left but its pid). */
  public static boolean alive(HostRoot root, int pid) {
    return stat(root, pid).filter(s -> !s.exited()).isPresent();
  }

  /**
   * When the process started, epoch ms: boot time plus its starttime, computed exactly as
   * {@code ProcessSample.startTime} is ({@link PidStat#startMillis}); empty when either cannot be read.
   */
  public static Optional<Long> startMillis(HostRoot root, int pid) {
    Optional<PidStat> stat = stat(root, pid);
    if (stat.isEmpty() || stat.get().startTicks() == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(stat.get().startMillis(BootTime.readMillis(root)));
    } catch (IOException | KernelFormatException e) {
      return Optional.empty(); // no boot time: the start cannot be told
    }
  }

  /**
   * {@code /proc/<pid>/cmdline} as the probes show it ({@code ProcessSample.cmdline}): arguments joined with single
   * spaces, trailing NULs dropped. Empty for a kernel thread or a zombie, which have no arguments.
   *
   * @throws IOException when it cannot be read
   */
  public static String cmdline(HostRoot root, int pid) throws IOException {
    byte[] raw = KernelFiles.readBytes(root.pid(pid).resolve("cmdline"));
    return ProcessDraft.cmdline(raw, raw.length);
  }
}
