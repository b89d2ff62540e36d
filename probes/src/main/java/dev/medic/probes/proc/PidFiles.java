package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Helpers for the files of one {@code /proc/<pid>/} directory shared by {@link ProcessReader} and
 * {@link LimitsReader}: counting {@code fd/} entries, and telling "the process exited" from other read errors.
 */
final class PidFiles {

  private PidFiles() {}

  /**
   * Whether a read under {@code pidDir} failed because the process exited: {@link KernelFiles#isGone}, or ESRCH
   * raised by read() rather than open() (Java reports it as a plain IOException), or the directory is gone.
   */
  static boolean exited(IOException e, Path pidDir) {
    return KernelFiles.isGone(e) || "No such process".equals(e.getMessage()) || !Files.isDirectory(pidDir);
  }

  /**
   * Counts a failed read of one of {@code pidDir}'s files: a vanished process when it exited (normal, no warning),
   * else a skipped record, warned once per reader.
   *
   * @param what what was skipped, for the warning: {@code "process"}, {@code "limits of"}
   */
  static void countReadError(IOException e, Path pidDir, ProbeMetrics metrics, WarnOnce warnOnce, String what) {
    if (exited(e, pidDir)) {
      metrics.countVanishedProcess();
    } else {
      metrics.countSkippedRecord();
      warnOnce.warn("read", "{} {} skipped: {}", what, pidDir.getFileName(), e.toString());
    }
  }

  /**
   * Whether {@code stat()} of {@code <pid>/fd} gives the number of open descriptors as its size under this root:
   * procfs on Linux 6.2+ ("proc: report open files as size in stat() for /proc/pid/fd"), where it is the kernel's
   * count of the fd table's open bits, the same number a listing counts, without opening, reading and closing the
   * directory (about 1 µs instead of 7). Decided once per reader: the root's proc must be procfs (never a fixture
   * tree, whose fd/ directories have a filesystem's own sizes), and the reading process's own fd/ (which holds at
   * least the JVM's open jars) must report a non-zero size; older kernels report 0 for every process.
   */
  static boolean sizeIsCount(HostRoot root) {
    try {
      return root.procIsProcfs()
          && Files.readAttributes(root.proc("self/fd"), BasicFileAttributes.class).size() > 0;
    } catch (IOException | SecurityException e) {
      return false; // no self (another pid namespace's proc): list
    }
  }

  /**
   * How many entries {@code <pid>/fd} holds: the process's open file descriptors (the guide's
   * {@code ls /proc/<pid>/fd | wc -l}). With {@code sizeIsCount} (see {@link #sizeIsCount}) the kernel's count
   * from stat(); otherwise the links are counted, never followed or resolved, and the cost grows with the count.
   * The kernel lets stat() see the count of any process, while listing another user's needs ptrace rights: run as
   * root, both give the same; run as a user, the stat() count is there where the listing was refused.
   *
   * @return null when the listing is not ours to read (another user's process without CAP_SYS_PTRACE: EACCES) or
   *     fails while the process is still there
   *
   * @throws IOException when the process has vanished, so the caller drops it as it does for its other files
   */
  static Integer openFds(Path pidDir, boolean sizeIsCount) throws IOException {
    int count = 0;
    try {
      if (sizeIsCount) {
        long size = Files.readAttributes(pidDir.resolve("fd"), BasicFileAttributes.class).size();
        return size >= 0 && size <= Integer.MAX_VALUE ? (int) size : null;
      }
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
        for (Path ignored : fds) {
          count++;
        }
      }
    } catch (AccessDeniedException e) {
      return null;
    } catch (IOException e) {
      return stillThere(pidDir, e);
    } catch (DirectoryIteratorException e) {
      return stillThere(pidDir, e.getCause());
    }
    return count;
  }

  /** An error with the pid's directory still present is this listing's problem, not a reason to drop the process. */
  private static Integer stillThere(Path pidDir, IOException e) throws IOException {
    if (!Files.isDirectory(pidDir)) {
      throw e;
    }
    return null;
  }
}
