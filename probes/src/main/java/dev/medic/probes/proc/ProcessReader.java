package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every {@code /proc/<pid>/} directory into a {@link ProcessSample}: {@code stat}, {@code status},
 * {@code cgroup}, {@code oom_score}, {@code oom_score_adj} and the open fd count for all, {@code cmdline} when its
 * cached value is too old (2–8 µs of kernel time a file), then {@code smaps_rollup} only for the processes
 * {@link SmapsSelection} picks, because it is the one costly file (about 20 µs for a small process, milliseconds
 * for a large one). Start times need the boot time from {@code /proc/stat}, read once per sweep.
 *
 * <p>With {@link ProbeSettings#readers()} above 1 the pids are split between that many {@link PidReader}s, the
 * sweeping thread being one, each pid always to the same one (by its name's hash) so the caches keep working.
 * That shortens a sweep's wall time on a host with idle cores; it does not lower, and slightly raises, its CPU time.
 *
 * <p>Processes exit while they are read; one that vanishes is skipped and counted, never reported as an error.
 * Stateful ({@link RssHistory} for the growth rate, the caches, the last selection): one instance per host, one
 * sweep at a time.
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

  /** Stands for "the process vanished before its smaps_rollup was read" in a reader's results. */
  private static final SmapsRollup VANISHED = new SmapsRollup(-1, -1, null);

  private final HostRoot root;
  private final ProbeSettings settings;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final RssHistory history = new RssHistory();
  private final AtomicBoolean smapsMissing = new AtomicBoolean();
  private PidReader[] pidReaders; // settings.readers() of them, made on the first read
  private ExecutorService pool; // readers - 1 daemon threads: the sweeping thread is the other reader
  private volatile List<ProcessSample> selected = List.of();
  private final MemoryGuard guard;

  public ProcessReader(HostRoot root, ProbeSettings settings, ProbeMetrics metrics) {
    this.root = root;
    this.settings = settings;
    this.metrics = metrics;
    this.guard = MemoryGuard.configured(metrics);
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
    if (pidReaders == null) {
      start();
    }
    List<List<Path>> dirs = pidDirs();
    List<List<ProcessDraft>> drafts = onEachReader(r -> {
      List<ProcessDraft> out = new ArrayList<>(dirs.get(r).size());
      dirs.get(r).forEach(dir -> pidReaders[r].draft(dir, timestamp).ifPresent(out::add));
      return out;
    });
    Set<Integer> read = new HashSet<>();
    drafts.forEach(share -> share.forEach(d -> read.add(d.stat().pid())));
    for (PidReader r : pidReaders) {
      r.retain(read);
    }
    List<SmapsSelection.Candidate> candidates = drafts.stream().flatMap(List::stream)
        .filter(ProcessDraft::hasMemoryMap)
        .map(d -> new SmapsSelection.Candidate(d.stat().pid(), d.rss(), d.memoryCgroup())).toList();
    boolean shed = guard.shedding(); // over Medic's own memory budget: smaps for the largest process only
    int topN = settings.smapsForAll() ? Integer.MAX_VALUE : shed ? Math.min(1, settings.topN()) : settings.topN();
    Set<Integer> chosen = SmapsSelection.select(candidates, topN, shed ? Set.of() : limitedCgroups);
    // each reader reads smaps_rollup for its own share; a process that vanished meanwhile maps to VANISHED
    List<Map<Integer, SmapsRollup>> smaps = onEachReader(r -> {
      Map<Integer, SmapsRollup> out = new HashMap<>();
      for (ProcessDraft d : drafts.get(r)) {
        if (chosen.contains(d.stat().pid()) && !smapsMissing.get()) {
          out.put(d.stat().pid(), smaps(r, d.dir()));
        }
      }
      return out;
    });
    return samples(timestamp, drafts, smaps, chosen);
  }

  /** The samples of one sweep, from the drafts and smaps_rollup results of each reader, in pid order. */
  private List<ProcessSample> samples(long timestamp, List<List<ProcessDraft>> drafts,
      List<Map<Integer, SmapsRollup>> smaps, Set<Integer> chosen) {
    Long bootMillis = BootTime.read(root, metrics, warnOnce);
    List<ProcessSample> samples = new ArrayList<>();
    Set<Integer> alive = new HashSet<>();
    for (int r = 0; r < drafts.size(); r++) {
      for (ProcessDraft d : drafts.get(r)) {
        SmapsRollup rollup = smaps.get(r).get(d.stat().pid());
        if (rollup == VANISHED) {
          metrics.countVanishedProcess();
          continue;
        }
        Double growth = null;
        if (d.hasMemoryMap() && d.stat().startTicks() != null) {
          growth = history.record(d.stat().pid(), d.stat().startTicks(), timestamp, d.rss());
          alive.add(d.stat().pid());
        }
        samples.add(d.toSample(timestamp, rollup, bootMillis, growth));
      }
    }
    history.retain(alive); // exited processes, zombies and reused pids' old histories go
    samples.sort(Comparator.comparingInt(ProcessSample::pid));
    selected = samples.stream().filter(p -> chosen.contains(p.pid())).toList();
    return samples;
  }

  private SmapsRollup smaps(int reader, Path dir) {
    try {
      return pidReaders[reader].smaps(dir);
    } catch (IOException gone) {
      return VANISHED;
    }
  }

  /**
   * The processes of the last {@link #read} that {@link SmapsSelection} chose for smaps_rollup (whether or not the
   * kernel has the file), sorted by pid: the top candidates, for readers as selective as smaps_rollup
   * ({@link LimitsReader}). Empty before the first read and when the last read failed.
   */
  public List<ProcessSample> selected() {
    return selected;
  }

  private void start() {
    boolean fdSizeIsCount = PidFiles.sizeIsCount(root);
    pidReaders = new PidReader[settings.readers()];
    for (int r = 0; r < pidReaders.length; r++) {
      pidReaders[r] = new PidReader(metrics, warnOnce, fdSizeIsCount, smapsMissing);
    }
    if (pidReaders.length > 1) {
      pool = Executors.newFixedThreadPool(pidReaders.length - 1, task -> {
        Thread t = new Thread(task, "medic-proc-reader");
        t.setDaemon(true); // idle between sweeps; must not keep a finished JVM alive
        return t;
      });
    }
  }

  /** The pid directories, one list per reader: a pid goes to the reader its name's hash picks, every sweep. */
  private List<List<Path>> pidDirs() throws IOException {
    List<List<Path>> shares = new ArrayList<>();
    for (int r = 0; r < pidReaders.length; r++) {
      shares.add(new ArrayList<>());
    }
    // proc("") is <root>/proc itself: HostRoot is the one place that knows where proc is
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.proc(""), ProcessReader::isPidDir)) {
      for (Path dir : dirs) {
        shares.get(Math.floorMod(dir.getFileName().toString().hashCode(), shares.size())).add(dir);
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    return shares;
  }

  /** {@code task} for each reader index, readers 1.. on the pool and reader 0 on this thread; results by index. */
  private <T> List<T> onEachReader(IntFunction<T> task) throws IOException {
    List<Future<T>> others = new ArrayList<>();
    for (int r = 1; r < pidReaders.length; r++) {
      int reader = r;
      others.add(pool.submit(() -> task.apply(reader)));
    }
    List<T> results = new ArrayList<>(List.of(task.apply(0)));
    try {
      for (Future<T> f : others) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the process table was read");
    } catch (ExecutionException e) {
      // the readers catch what reading throws; anything else is a bug, which ProbeSweep counts and logs
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
    return results;
  }

  private static boolean isPidDir(Path path) {
    String name = path.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
