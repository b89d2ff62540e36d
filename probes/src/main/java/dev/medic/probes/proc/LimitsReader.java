package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/<pid>/limits} (the guide's {@code ulimit -a}, per process) into {@link ProcessLimits}, for
 * the processes {@link ProcessReader#selected()} names: the top candidates, not every process, because rules ask
 * about the limits of the processes that matter and a full table per process per sweep would be noise.
 *
 * <pre>
 * Limit                     Soft Limit           Hard Limit           Units
 * Max open files            1024                 524288               files
 * Max address space         unlimited            unlimited            bytes
 * </pre>
 *
 * <p>The kernel prints it as a fixed-width table ({@code %-25s %-20s %-20s %-10s}) whose limit names contain
 * spaces, so lines are matched by the known names rather than split into columns.
 */
public final class LimitsReader {

  /** RLIM_INFINITY as the kernel prints it; {@link ProcessLimits} stores it as {@link Long#MAX_VALUE}. */
  static final String UNLIMITED = "unlimited";

  /** The names Medic reports, as fs/proc/base.c spells them. */
  static final List<String> NAMES = List.of("Max open files", "Max address space", "Max data size",
      "Max resident set", "Max processes", "Max locked memory");

  /**
   * How long a process's limits are reused before the file is read again: limits are not among the fields needed
   * fresh every sweep, and after start they change only by prlimit(2) or a process lowering its own.
   */
  static final long MAX_AGE_MILLIS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(LimitsReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);
  private final IdentityCache<Map<String, Limit>> cache = new IdentityCache<>(MAX_AGE_MILLIS);

  public LimitsReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /**
   * One fact per process whose file could be read, in the order given; processes that exited are left out. A
   * process's limits are read again once they are {@link #MAX_AGE_MILLIS} old (by {@code timestamp}), or at once
   * when the pid names another process (another start time or comm; see {@link IdentityCache}).
   */
  public List<ProcessLimits> read(long timestamp, List<ProcessSample> processes) {
    List<ProcessLimits> out = new ArrayList<>(processes.size());
    Set<Integer> asked = new HashSet<>();
    for (ProcessSample p : processes) {
      asked.add(p.pid());
      Map<String, Limit> cached = cache.get(p.pid(), p.startTime(), p.comm(), timestamp);
      if (cached != null) {
        out.add(fact(timestamp, p.pid(), p.comm(), cached, p.openFds()));
        continue;
      }
      Path dir = root.proc(Integer.toString(p.pid()));
      try {
        String content = KernelFiles.read(dir.resolve("limits"));
        if (content.isEmpty()) {
          // proc_pid_limits prints nothing once the task's signal struct is released: it is exiting
          metrics.countVanishedProcess();
          continue;
        }
        Map<String, Limit> limits = parse(content, metrics);
        cache.put(p.pid(), p.startTime(), p.comm(), timestamp, limits);
        out.add(fact(timestamp, p.pid(), p.comm(), limits, p.openFds()));
      } catch (KernelFormatException e) {
        metrics.countSkippedRecord();
        warnOnce.warn("format", "limits of {} skipped: {}", p.pid(), e.getMessage());
      } catch (NoSuchFileException e) {
        if (!Files.isDirectory(dir)) {
          metrics.countVanishedProcess();
        } else if (warnOnce.warn("missing", "no {} (kernel before 2.6.24?): no limits facts", e.getFile())) {
          metrics.countMissingSource();
        }
      } catch (IOException e) {
        PidFiles.countReadError(e, dir, metrics, warnOnce, "limits of");
      }
    }
    cache.retain(asked); // a process that left the top candidates is read afresh if it comes back
    return out;
  }

  /** Soft and hard limit of one line; {@link Long#MAX_VALUE} for unlimited. */
  record Limit(long soft, long hard) {}

  /**
   * The known limits by name. Lines of other limits and the header are ignored; a known line whose values are not
   * numbers or "unlimited" is counted and left out, as is a line that is neither header nor limit.
   *
   * @throws KernelFormatException when no known limit is present at all
   */
  static Map<String, Limit> parse(String content, ProbeMetrics metrics) throws KernelFormatException {
    Map<String, Limit> limits = new HashMap<>();
    for (String line : content.split("\n")) {
      if (line.isBlank() || line.startsWith("Limit ")) {
        continue;
      }
      String name = NAMES.stream().filter(n -> line.startsWith(n + " ")).findFirst().orElse(null);
      if (name == null) {
        if (!line.startsWith("Max ")) { // a limit a newer kernel added is fine; anything else is damage
          metrics.countSkippedRecord();
        }
        continue;
      }
      String[] values = line.substring(name.length()).trim().split("\\s+");
      Long soft = values.length >= 2 ? value(values[0]) : null;
      Long hard = values.length >= 2 ? value(values[1]) : null;
      if (soft == null || hard == null) {
        metrics.countSkippedRecord();
        continue;
      }
      limits.put(name, new Limit(soft, hard));
    }
    if (limits.isEmpty()) {
      throw new KernelFormatException("limits has none of " + NAMES + ": '" + KernelFiles.abbreviate(content) + "'");
    }
    return limits;
  }

  /** The fact, with the open fds the process sample counted set against the soft open-files limit. */
  static ProcessLimits fact(long timestamp, int pid, String comm, Map<String, Limit> limits, Integer openFds) {
    Limit files = limits.get("Max open files");
    return new ProcessLimits(timestamp, pid, comm,
        files == null ? null : files.soft(),
        files == null ? null : files.hard(),
        soft(limits, "Max address space"),
        soft(limits, "Max data size"),
        soft(limits, "Max resident set"),
        soft(limits, "Max processes"),
        soft(limits, "Max locked memory"),
        openFds,
        fdsPercent(openFds, files == null ? null : files.soft()));
  }

  /** openFds of the soft limit, two decimals; null without either or for an unlimited (or zero) limit. */
  static Double fdsPercent(Integer openFds, Long openFiles) {
    if (openFds == null || openFiles == null || openFiles <= 0 || openFiles == Long.MAX_VALUE) {
      return null;
    }
    return Math.round(10_000.0 * openFds / openFiles) / 100.0;
  }

  private static Long soft(Map<String, Limit> limits, String name) {
    Limit limit = limits.get(name);
    return limit == null ? null : limit.soft();
  }

  private static Long value(String text) {
    if (text.equals(UNLIMITED)) {
      return Long.MAX_VALUE;
    }
    Long value = KernelFiles.parseLongOrNull(text);
    return value == null || value < 0 ? null : value;
  }
}
