package dev.medic.probes.cgroup;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every memory cgroup with a limit under {@code /sys/fs/cgroup/memory} (v1) or {@code /sys/fs/cgroup} /
 * {@code /sys/fs/cgroup/unified} (v2) into {@link CgroupSample}s; see
 * https://docs.kernel.org/admin-guide/cgroup-v2.html#memory.
 *
 * <p>Only limited cgroups are reported: an unlimited cgroup cannot hit its own OOM, and on a Kubernetes node the
 * unlimited intermediate slices would triple the fact count. The walk does not follow symlinks and stops at depth
 * {@value #MAX_DEPTH}, so a bind-mount loop or a runaway tree cannot stall a sweep.
 *
 * <p>Stateful: OOM counters are reported as deltas since the previous sweep ({@link OomDeltas}), so use one
 * instance per host. A limited v2 cgroup costs eight small reads; {@code memory.stat} can be the dearest, as
 * recent kernels flush per-CPU statistics before printing it.
 */
public final class CgroupMemoryReader {

  static final int MAX_DEPTH = 32;

  private static final Logger LOG = LoggerFactory.getLogger(CgroupMemoryReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final CgroupDetails details;

  public CgroupMemoryReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
    this.details = new CgroupDetails(metrics, warnOnce);
  }

  /** The directory of the memory hierarchy's root cgroup, or empty when this host has no memory controller. */
  public Optional<Path> hierarchy() {
    return detect().map(Hierarchy::dir);
  }

  /** 1 or 2 for the memory hierarchy's cgroup version, 0 when there is none. */
  public int version() {
    return detect().map(Hierarchy::version).orElse(0);
  }

  /**
   * One sample per limited cgroup, in walk order (parents before children, siblings by name). Empty, warned
   * once, when no memory hierarchy is mounted.
   *
   * @throws IOException when the hierarchy's root directory cannot be listed
   */
  public synchronized List<CgroupSample> read(long timestamp) throws IOException {
    Optional<Hierarchy> hierarchy = detect();
    if (hierarchy.isEmpty()) {
      if (warnOnce.warn("missing", "no memory cgroup hierarchy under {}: no cgroup facts", root.sys("fs/cgroup"))) {
        metrics.countMissingSource();
      }
      return List.of();
    }
    List<CgroupSample> samples = new ArrayList<>();
    Hierarchy h = hierarchy.get();
    sample(h, h.dir(), "/", timestamp, samples);
    walk(h, h.dir(), "/", 1, timestamp, samples);
    details.endSweep();
    return samples;
  }

  /** v1 first: on a hybrid host the v1 memory controller is the one in use even though unified/ exists. */
  private Optional<Hierarchy> detect() {
    Path base = root.sys("fs/cgroup");
    Path v1 = base.resolve("memory");
    if (Files.isRegularFile(v1.resolve("memory.usage_in_bytes"))) {
      return Optional.of(new Hierarchy(v1, 1));
    }
    for (Path v2 : List.of(base, base.resolve("unified"))) {
      if (controllersIncludeMemory(v2)) {
        return Optional.of(new Hierarchy(v2, 2));
      }
    }
    return Optional.empty();
  }

  private static boolean controllersIncludeMemory(Path dir) {
    try {
      return List.of(KernelFiles.read(dir.resolve("cgroup.controllers")).trim().split("\\s+")).contains("memory");
    } catch (IOException e) {
      return false;
    }
  }

  /** Samples {@code dir}'s child cgroups and recurses; {@code depth} is the children's depth (the root's are 1). */
  private void walk(Hierarchy h, Path dir, String path, int depth, long timestamp, List<CgroupSample> out)
      throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          children.add(entry);
        }
      }
    } catch (IOException | DirectoryIteratorException thrown) {
      IOException e = thrown instanceof DirectoryIteratorException die ? die.getCause() : (IOException) thrown;
      if (depth == 1) {
        throw e;
      }
      if (!KernelFiles.isGone(e)) { // a cgroup removed mid-walk is normal; anything else is worth one warning
        warnOnce.warn("list", "cannot list cgroup {}: {}", path, e.toString());
      }
      return;
    }
    if (depth > MAX_DEPTH && !children.isEmpty()) {
      warnOnce.warn("depth", "cgroup tree deeper than {} at {}: not descending", MAX_DEPTH, path);
      return;
    }
    children.sort(null);
    for (Path child : children) {
      String childPath = (path.equals("/") ? "/" : path + "/") + child.getFileName();
      sample(h, child, childPath, timestamp, out);
      walk(h, child, childPath, depth + 1, timestamp, out);
    }
  }

  private void sample(Hierarchy h, Path dir, String path, long timestamp, List<CgroupSample> out) {
    try {
      if (h.version() == 1) {
        Long limit = CgroupMemoryFiles.parseLimitV1(KernelFiles.read(dir.resolve("memory.limit_in_bytes")));
        if (limit != null) {
          String usage = KernelFiles.read(dir.resolve("memory.usage_in_bytes"));
          String oomControl = readOptional(dir.resolve("memory.oom_control"));
          out.add(details.v1(dir, CgroupMemoryFiles.sampleV1(timestamp, path, limit, usage, oomControl, metrics)));
        }
      } else {
        // the root cgroup and cgroups whose parent does not delegate memory have no memory.max
        Path max = dir.resolve("memory.max");
        Long limit = Files.exists(max) ? CgroupMemoryFiles.parseMaxV2(KernelFiles.read(max)) : null;
        if (limit != null) {
          String current = KernelFiles.read(dir.resolve("memory.current"));
          String events = readOptional(dir.resolve("memory.events"));
          Map<String, Long> counters = events == null ? null : KernelFiles.spaceFields(events, metrics);
          CgroupSample base = CgroupMemoryFiles.baseV2(timestamp, path, limit, current, counters);
          out.add(details.v2(dir, base, counters == null ? null : counters.get("oom")));
        }
      }
    } catch (KernelFormatException e) {
      metrics.countSkippedRecord();
      warnOnce.warn("format", "cgroup {} skipped: {}", path, e.getMessage());
    } catch (IOException e) {
      if (!KernelFiles.isGone(e)) {
        metrics.countSkippedRecord();
        warnOnce.warn("read", "cgroup {} skipped: {}", path, e.toString());
      }
    }
  }

  /** Counter files are a bonus: a cgroup whose oom_control or events cannot be read still has usage and limit. */
  private static String readOptional(Path file) {
    try {
      return KernelFiles.read(file);
    } catch (IOException e) {
      return null;
    }
  }

  private record Hierarchy(Path dir, int version) {}
}
