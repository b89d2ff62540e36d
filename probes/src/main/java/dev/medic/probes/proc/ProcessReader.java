package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.KernelText;
import dev.medic.probes.internal.ReadBuffer;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every {@code /proc/<pid>/} directory into a {@link ProcessSample}: {@code stat}, {@code status},
 * {@code cgroup}, {@code cmdline}, {@code oom_score}, {@code oom_score_adj} and the {@code fd/} listing for all
 * (5–13 µs a file), then {@code smaps_rollup} only for the processes {@link SmapsSelection} picks, because it is
 * the one costly file. Start times need the boot time from {@code /proc/stat}, read once per sweep.
 *
 * <p>Processes exit while they are read; one that vanishes is skipped and counted, never reported as an error.
 * Stateful ({@link RssHistory} for the growth rate, the last selection): one instance per host, one sweep at a
 * time.
 */
public final class ProcessReader {

  /** cmdline is as long as the process's arguments (up to ARG_MAX); the rules need its head, not 2 MB of it. */
  static final int CMDLINE_MAX_BYTES = 64 * 1024;

  /**
   * How long a process's cmdline is reused before it is read again (see {@link IdentityCache}): cmdline is not one
   * of the fields needed fresh every sweep, and it changes after start only when a process rewrites its own argv.
   */
  static final long CMDLINE_MAX_AGE_MILLIS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(ProcessReader.class);

  private final HostRoot root;
  private final ProbeSettings settings;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final RssHistory history = new RssHistory();
  private final ReadBuffer buffer = new ReadBuffer();
  private final IdentityCache<String> cmdlines = new IdentityCache<>(CMDLINE_MAX_AGE_MILLIS);
  private final ContentMemo<CgroupNames> cgroups = new ContentMemo<>(CgroupNames::of);
  private Boolean fdSizeIsCount; // decided on the first read: see PidFiles.sizeIsCount
  private volatile boolean smapsMissing;
  private volatile List<ProcessSample> selected = List.of();

  public ProcessReader(HostRoot root, ProbeSettings settings, ProbeMetrics metrics) {
    this.root = root;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** {@link #read(long, Set)} with no limited cgroups: PSS/USS for the top N by RSS only. */
  public List<ProcessSample> read(long timestamp) throws IOException {
    return read(timestamp, Set.of());
  }

  /**
   * All readable processes sorted by pid.
   *
   * @param limitedCgroups memory cgroup paths whose largest process also gets PSS/USS
   * @throws IOException when the process table itself cannot be listed
   */
  public synchronized List<ProcessSample> read(long timestamp, Set<String> limitedCgroups) throws IOException {
    selected = List.of();
    if (fdSizeIsCount == null) {
      fdSizeIsCount = PidFiles.sizeIsCount(root);
    }
    List<ProcessDraft> drafts = new ArrayList<>();
    // proc("") is <root>/proc itself: HostRoot is the one place that knows where proc is
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.proc(""), ProcessReader::isPidDir)) {
      for (Path dir : dirs) {
        readDraft(dir, timestamp).ifPresent(drafts::add);
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    Set<Integer> read = new HashSet<>();
    drafts.forEach(d -> read.add(d.stat().pid()));
    cmdlines.retain(read); // exited processes' entries go; a reused pid is told apart by its start time
    cgroups.retain(read);
    Long bootMillis = BootTime.read(root, metrics, warnOnce);
    List<SmapsSelection.Candidate> candidates = drafts.stream().filter(ProcessDraft::hasMemoryMap)
        .map(d -> new SmapsSelection.Candidate(d.stat().pid(), d.rss(), d.memoryCgroup())).toList();
    int topN = settings.smapsForAll() ? Integer.MAX_VALUE : settings.topN();
    Set<Integer> chosen = SmapsSelection.select(candidates, topN, limitedCgroups);
    List<ProcessSample> samples = new ArrayList<>(drafts.size());
    Set<Integer> alive = new HashSet<>();
    for (ProcessDraft d : drafts) {
      SmapsRollup smaps = null;
      if (chosen.contains(d.stat().pid()) && !smapsMissing) {
        try {
          smaps = readSmaps(d.dir());
        } catch (IOException gone) {
          metrics.countVanishedProcess();
          continue;
        }
      }
      Double growth = null;
      if (d.hasMemoryMap() && d.stat().startTicks() != null) {
        growth = history.record(d.stat().pid(), d.stat().startTicks(), timestamp, d.rss());
        alive.add(d.stat().pid());
      }
      samples.add(d.toSample(timestamp, smaps, bootMillis, growth));
    }
    history.retain(alive); // exited processes, zombies and reused pids' old histories go
    samples.sort(Comparator.comparingInt(ProcessSample::pid));
    selected = samples.stream().filter(p -> chosen.contains(p.pid())).toList();
    return samples;
  }

  /**
   * The processes of the last {@link #read} that {@link SmapsSelection} chose for smaps_rollup (whether or not the
   * kernel has the file), sorted by pid: the top candidates, for readers as selective as smaps_rollup
   * ({@link LimitsReader}). Empty before the first read and when the last read failed.
   */
  public List<ProcessSample> selected() {
    return selected;
  }

  private static boolean isPidDir(Path path) {
    String name = path.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * The cheap files of one process, each read into the one {@link ReadBuffer} and parsed in place. The order
   * matters: stat first (the process's identity for the caches), status after the others (see below).
   */
  private Optional<ProcessDraft> readDraft(Path dir, long timestamp) {
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
      if (PidFiles.exited(e, dir)) {
        metrics.countVanishedProcess();
      } else {
        metrics.countSkippedRecord();
        warnOnce.warn("read", "process {} skipped: {}", dir.getFileName(), e.toString());
      }
    }
    return Optional.empty();
  }

  /** Reads {@code <dir>/<name>} into the buffer; its length. Take {@code buffer.bytes()} after: a read may grow it. */
  private int read(Path dir, String name) throws IOException {
    return buffer.read(dir.resolve(name));
  }

  /**
   * cmdline from the cache while the same process is younger in it than {@link #CMDLINE_MAX_AGE_MILLIS}, else read.
   * Processes without a memory map (kernel threads, zombies) are always read: their cmdline is empty, and a zombie's
   * cached one from before it exited would not be.
   */
  private String cmdline(Path dir, PidStat stat, long timestamp) throws IOException {
    boolean cacheable = stat.hasMemoryMap();
    String cached = cacheable ? cmdlines.get(stat.pid(), stat.startTicks(), stat.comm(), timestamp) : null;
    if (cached != null) {
      return cached;
    }
    int length = buffer.read(dir.resolve("cmdline"), CMDLINE_MAX_BYTES);
    String cmdline = ProcessDraft.cmdline(buffer.bytes(), length);
    if (cacheable) {
      cmdlines.put(stat.pid(), stat.startTicks(), stat.comm(), timestamp, cmdline);
    }
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
  private SmapsRollup readSmaps(Path dir) throws IOException {
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
      if (e instanceof NoSuchFileException) {
        smapsMissing = true;
        metrics.countMissingSource();
        warnOnce.warn("smaps-missing", "no smaps_rollup (kernel before 4.14): PSS/USS stay null");
      }
      // otherwise ESRCH with the directory still there: the task is exiting and its mm is already gone
    }
    return null;
  }
}
