package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One process's open file descriptors against its {@code RLIMIT_NOFILE} soft limit ({@code /proc/<pid>/fd} and
 * {@code /proc/<pid>/limits}): what turns "connected but no first byte" into "the owner is out of descriptors"
 * (EMFILE on accept). For one-shot questions ({@code medic diagnose}, {@code medic probe}'s network section) about
 * a few processes named by the caller; the sweep's {@code limits} facts read the top processes on their own tier.
 */
public final class OpenFdsReader {

  /** Open descriptors of one process against its soft limit; {@code limit} null when unlimited or unreadable. */
  public record FdUsage(int pid, int open, Long limit) {
    /** 100 × open / limit; null without a limit. */
    public Double percent() {
      return limit == null || limit <= 0 ? null : KernelFiles.percent(open, limit);
    }
  }

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final boolean sizeIsCount;

  public OpenFdsReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
    this.sizeIsCount = PidFiles.sizeIsCount(root);
  }

  /** Empty when the process is gone or its descriptors are not ours to count. */
  public Optional<FdUsage> read(int pid) {
    Path dir = root.proc(Integer.toString(pid));
    try {
      Integer open = PidFiles.openFds(dir, sizeIsCount);
      if (open == null) {
        return Optional.empty();
      }
      return Optional.of(new FdUsage(pid, open, limit(KernelFiles.read(dir.resolve("limits")))));
    } catch (IOException e) {
      return Optional.empty(); // exited meanwhile
    }
  }

  private Long limit(String limits) {
    if (limits.isEmpty()) {
      return null;
    }
    try {
      Map<String, LimitsReader.Limit> parsed = LimitsReader.parse(limits, metrics);
      LimitsReader.Limit files = parsed.get("Max open files");
      return files == null || files.soft() == Long.MAX_VALUE ? null : files.soft();
    } catch (KernelFormatException e) {
      metrics.countSkippedRecord();
      return null;
    }
  }
}
