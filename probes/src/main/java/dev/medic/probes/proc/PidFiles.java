package dev.medic.probes.proc;

import dev.medic.probes.internal.KernelFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
   * How many entries {@code <pid>/fd} holds: the process's open file descriptors (the guide's
   * {@code ls /proc/<pid>/fd | wc -l}). The links are counted, never followed or resolved; the cost grows with
   * the count.
   *
   * @return null when the listing is not ours to read (another user's process without CAP_SYS_PTRACE: EACCES) or
   *     fails while the process is still there
   *
   * @throws IOException when the process has vanished, so the caller drops it as it does for its other files
   */
  static Integer openFds(Path pidDir) throws IOException {
    int count = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
      for (Path ignored : fds) {
        count++;
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
