package dev.medic.probes.proc;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.KernelText;
import dev.medic.probes.internal.ReadBuffer;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files of single {@code /proc/<pid>/} directories for {@link ProcessReader}: one per reading thread,
 * because it owns a {@link ReadBuffer} and the per-process caches, which are not thread-safe. ProcessReader gives
 * each pid to the same PidReader every sweep, so the caches see every sweep of their processes.
 */
final class PidReader {

  private static final Logger LOG = LoggerFactory.getLogger(PidReader.class);

  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce;
  private final boolean fdSizeIsCount;
  private final AtomicBoolean smapsMissing;
  private final ReadBuffer buffer = new ReadBuffer();
  private final IdentityCache<String> cmdlines = new IdentityCache<>(ProcessReader.CMDLINE_MAX_AGE_MILLIS);
  private final ContentMemo<CgroupNames> cgroups = new ContentMemo<>(CgroupNames::of);

  /**
   * @param fdSizeIsCount see {@link PidFiles#sizeIsCount}
   * @param smapsMissing shared by the PidReaders of one ProcessReader: set once smaps_rollup is found missing
   */
  PidReader(ProbeMetrics metrics, WarnOnce warnOnce, boolean fdSizeIsCount, AtomicBoolean smapsMissing) {
    this.metrics = metrics;
    this.warnOnce = warnOnce;
    this.fdSizeIsCount = fdSizeIsCount;
    this.smapsMissing = smapsMissing;
  }

  /** Forgets the cached values of pids not in {@code pids}: exited processes. */
  void retain(Set<Integer> pids) {
    cmdlines.retain(pids); // a reused pid is told apart by its start time; this only keeps the cache small
    cgroups.retain(pids);
  }

  /**
   * The cheap files of one process, each read into the one {@link ReadBuffer} and parsed in place. The order
   * matters: stat first (the process's identity for the caches), status after the others (see below).
   */
  Optional<ProcessDraft> draft(Path dir, long timestamp) {
    try {
      int length = read(dir, "stat");
      PidStat stat = PidStat.parse(buffer.bytes(), length);
      String cmdline = cmdline(dir, stat, timestamp);
      length = read(dir, "cgroup");
      CgroupNames cgroup = cgroups.get(stat.pid(), buffer.bytes(), length);
      Integer oomScore = optionalInt(dir, "oom_score");
      Integer oomScoreAdj = optionalInt(dir, "oom_score_adj");
      length = read(dir, "status");
      PidStatus status = PidStatus.parse(buffer.bytes(), length, metrics);
      if (status.rss() == null && status.swap() == null && !stat.kernelThread() && !stat.exited()) {
        // no Vm* lines at all: the kernel prints them only while the task has an mm, and exit releases it before
        // the task turns zombie, so this process exited after its stat was read
        metrics.countVanishedProcess();
        return Optional.empty();
      }
      Integer openFds = PidFiles.openFds(dir, fdSizeIsCount);
      return Optional.of(ProcessDraft.of(dir, stat, status, cgroup, cmdline, oomScore, oomScoreAdj, openFds));
    } catch (KernelFormatException e) {
      metrics.countSkippedRecord();
      warnOnce.warn("format", "process {} skipped: {}", dir.getFileName(), e.getMessage());
    } catch (IOException e) {
      PidFiles.countReadError(e, dir, metrics, warnOnce, "process");
    }
    return Optional.empty();
  }

  /** Reads {@code <dir>/<name>} into the buffer; its length. Take {@code buffer.bytes()} after: a read may grow it. */
  private int read(Path dir, String name) throws IOException {
    return buffer.read(dir.resolve(name));
  }

  /**
   * cmdline from the cache while the same process is younger in it than
   * {@link ProcessReader#CMDLINE_MAX_AGE_MILLIS}, else read. A process without a memory map has an empty cmdline
   * without a read: the kernel prints the arguments from the task's mm, which a kernel thread never has
   * (get_task_mm() returns none for PF_KTHREAD) and a zombie has released; and a zombie must not be served the
   * cmdline it had alive.
   */
  private String cmdline(Path dir, PidStat stat, long timestamp) throws IOException {
    if (!stat.hasMemoryMap()) {
      return "";
    }
    String cached = cmdlines.get(stat.pid(), stat.startTicks(), stat.comm(), timestamp);
    if (cached != null) {
      return cached;
    }
    int length = buffer.read(dir.resolve("cmdline"), ProcessReader.CMDLINE_MAX_BYTES);
    String cmdline = ProcessDraft.cmdline(buffer.bytes(), length);
    cmdlines.put(stat.pid(), stat.startTicks(), stat.comm(), timestamp, cmdline);
    return cmdline;
  }

  /** oom_score and oom_score_adj are informative only: a missing or odd one leaves the field null. */
  private Integer optionalInt(Path dir, String name) throws IOException {
    int length;
    try {
      length = read(dir, name);
    } catch (NoSuchFileException e) {
      return null;
    }
    long value = KernelText.parseTrimmedLong(buffer.bytes(), 0, length);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) { // NOT_A_NUMBER included
      metrics.countSkippedRecord();
      return null;
    }
    return (int) value;
  }

  /**
   * PSS/USS, or null when unknown (no permission, kernel without smaps_rollup, garbled file, task exiting).
   *
   * @throws IOException only when the process has vanished, so the caller drops it
   */
  SmapsRollup smaps(Path dir) throws IOException {
    try {
      int length = read(dir, "smaps_rollup");
      return SmapsRollup.parse(buffer.bytes(), length, metrics);
    } catch (KernelFormatException e) {
      metrics.countSkippedRecord();
      warnOnce.warn("smaps-format", "smaps_rollup of {} skipped: {}", dir.getFileName(), e.getMessage());
    } catch (AccessDeniedException e) {
      // reading another user's page tables needs ptrace access (root, or CAP_SYS_PTRACE); being refused for some
      // processes is normal (pid 1 in a sandbox, everyone else's for a user), so this is not worth a warning
      LOG.debug("no permission to read {}: PSS/USS stay null for it", e.getFile());
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      if (e instanceof NoSuchFileException && smapsMissing.compareAndSet(false, true)) {
        metrics.countMissingSource();
        warnOnce.warn("smaps-missing", "no smaps_rollup (kernel before 4.14): PSS/USS stay null");
      }
      // otherwise ESRCH with the directory still there: the task is exiting and its mm is already gone
    }
    return null;
  }
}
