package dev.medic.agent.reaction;

import dev.medic.probes.text.Redaction;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.proc.PidStatus;
import dev.medic.probes.proc.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-only evidence of the largest resident process in a cgroup, taken in-process in a few milliseconds:
 * no child process (pmap, lsof) that a filler racing to its limit would outlive us starting. Four files: its
 * identity (pid, comm, command line with secrets redacted as capture_identity does), {@code status},
 * {@code smaps_rollup} and {@code maps}, copied as the kernel printed them, written through an
 * {@link dev.medic.actions.EvidenceBundle} (0700, 0600, a manifest). A process that exits midway leaves what was
 * written.
 */
public final class TopProcessEvidence {

  /** {@code maps} of a process with many mappings can be large: enough to see what grew, not unbounded. */
  static final int MAPS_BYTES = 4 << 20;

  /** What was captured: the process, the files, and when the last was written ({@link System#nanoTime()}). */
  public record Captured(int pid, String comm, List<Path> files, long doneNanos) {}

  private final HostRoot root;
  private final ProbeMetrics metrics = new ProbeMetrics();

  public TopProcessEvidence(HostRoot root) {
    this.root = root;
  }

  /** Writes through the bundle (0700 folder, 0600 files, manifest), as every action's evidence is written. */
  private static Path written(EvidenceBundle bundle, String name, String content) throws IOException {
    return bundle.dir().resolve(bundle.write(name, content));
  }

  /** The pids of {@code cgroup.procs}, one a line. */
  static List<Integer> parseProcs(String procs) throws KernelFormatException {
    List<Integer> pids = new ArrayList<>();
    for (String line : procs.split("\n")) {
      if (!line.isBlank()) {
        pids.add((int) KernelFiles.parseSingleLong(line, "cgroup.procs"));
      }
    }
    return pids;
  }

  /** The largest resident process listed in {@code cgroupDir}'s {@code cgroup.procs}, if any is alive. */
  Optional<Integer> largest(Path cgroupDir) throws IOException {
    List<Integer> pids;
    try {
      pids = parseProcs(KernelFiles.read(cgroupDir.resolve("cgroup.procs")));
    } catch (KernelFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
    Integer best = null;
    long bestRss = -1;
    for (int pid : pids) {
      try {
        Long rss = PidStatus.read(root, pid, metrics).rss();
        if (rss != null && rss > bestRss) {
          bestRss = rss;
          best = pid;
        }
      } catch (IOException | KernelFormatException e) {
        // gone or a kernel thread: not a candidate
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Captures the largest process of {@code cgroupDir} into {@code folder} (created).
   *
   * @return empty when the cgroup holds no live process
   */
  public Optional<Captured> capture(Path cgroupDir, Path folder) throws IOException {
    Optional<Integer> pid = largest(cgroupDir);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    EvidenceBundle bundle = EvidenceBundle.open(folder);
    Path dir = root.pid(pid.get());
    List<Path> files = new ArrayList<>();
    String comm = "?";
    try {
      comm = KernelFiles.read(dir.resolve("comm")).strip();
      String cmdline = Redaction.commandLine(ProcessIdentity.cmdline(root, pid.get()));
      files.add(written(bundle, "identity.txt", "pid " + pid.get() + "\ncomm " + comm + "\ncmdline " + cmdline
          + "\n"));
      files.add(written(bundle, "status.txt", KernelFiles.read(dir.resolve("status"))));
      files.add(written(bundle, "smaps_rollup.txt", KernelFiles.read(dir.resolve("smaps_rollup"))));
      files.add(written(bundle, "maps.txt", KernelFiles.read(dir.resolve("maps"), MAPS_BYTES)));
    } catch (IOException e) {
      if (!KernelFiles.isGone(e) || files.isEmpty()) {
        throw e;
      }
      // it died midway (the kernel's OOM killer won the rest): keep what we have
    }
    return Optional.of(new Captured(pid.get(), comm, List.copyOf(files), System.nanoTime()));
  }
}
