package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.probes.HostRoot;
import dev.medic.probes.text.Redaction;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.proc.PidStat;
import dev.medic.probes.proc.PidStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code capture_top}: "capture the survivors' state" after an OOM kill, the guide's
 * {@code ps aux --sort=-%mem | head}: the {@code count} processes (default 20, 1..1000) with the largest RSS on
 * the host, read from every numeric directory of {@link ActionContext#host()}'s /proc, as an aligned table in
 * {@code top.txt}. Columns: pid, ppid, comm, VmRSS and VmSwap in kB, oom_score, oom_score_adj, and the command
 * line cut to {@value #CMDLINE_MAX} characters after URL credentials are redacted
 * ({@link Redaction#commandLine}; redacting first means a cut can never expose half a password).
 *
 * <p>The target pid is context only: the header says whether it is still running and the row of the target, if
 * it is in the list, is marked {@code *}. It may well be gone (the OOM killer took it), so this never returns
 * TARGET_GONE. Processes that vanish during the scan are skipped, as are those without a {@code VmRSS} line
 * (kernel threads, zombies). Command lines are read only for the rows shown, each under the remaining time
 * (reading one takes the process's memory-map lock); one that cannot be read in time says so in its cell. The
 * scan itself is bounded by {@link ActionContext#timeout()} (TIMED_OUT, nothing written).
 */
public final class CaptureTopAction implements Action {

  public static final String NAME = "capture_top";
  public static final String COUNT = "count";
  public static final String FILE = "top.txt";
  static final int DEFAULT_COUNT = 20;
  static final int MAX_COUNT = 1000;
  static final int CMDLINE_MAX = 200;

  /** One process's row; sizes in kB. */
  record Row(int pid, int ppid, String comm, long rssKb, long swapKb, String oomScore, String oomScoreAdj) {}

  /** The scan: the rows kept, and how many processes were seen and skipped. */
  record Scan(List<Row> rows, int seen, int skipped) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return false;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(COUNT);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    return Params.checkInt(params, COUNT, false, 1, MAX_COUNT);
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    int count = Params.readInt(ctx.params(), COUNT, DEFAULT_COUNT);
    long deadline = System.nanoTime() + ctx.timeout().toNanos();
    Scan scan;
    try {
      scan = ProcFiles.withTimeout(ctx.timeout(), () -> scan(ctx.host(), count));
    } catch (TimeoutException e) {
      return new ActionResult(ActionResult.Status.TIMED_OUT,
          "scanning " + ctx.host().proc("") + " took longer than " + ctx.timeout(), List.of());
    } catch (IOException e) {
      return ActionResult.failed("cannot list " + ctx.host().proc("") + ": " + ProcFiles.reason(e));
    }
    List<String> cmdlines = new ArrayList<>();
    for (Row row : scan.rows()) {
      cmdlines.add(cmdline(ctx.host(), row, deadline));
    }
    boolean targetRunning = ProcFiles.alive(ctx.host(), ctx.pid());
    int rank = indexOf(scan.rows(), ctx.pid());
    StringBuilder text = new StringBuilder();
    text.append("# top ").append(scan.rows().size()).append(" of ").append(scan.seen() - scan.skipped())
        .append(" processes by RSS at ").append(Instant.now()).append(" (").append(scan.skipped())
        .append(" skipped: kernel threads, zombies, vanished)\n");
    text.append("# target pid ").append(ctx.pid()).append(targetRunning ? " is running" : " is not running")
        .append(rank >= 0 ? ", marked * below" : ", not in this list").append('\n');
    text.append(table(scan.rows(), cmdlines, ctx.pid()));
    try {
      ctx.evidence().write(FILE, text.toString());
    } catch (IOException e) {
      return ActionResult.failed("cannot write " + FILE + ": " + e.getMessage());
    }
    String target = "target pid " + ctx.pid() + (targetRunning ? "" : " not running")
        + (rank >= 0 ? " at #" + (rank + 1) : "");
    return ActionResult.ok("top " + scan.rows().size() + " processes by RSS; " + target, List.of(FILE));
  }

  /** Every numeric directory of the host's /proc, the largest {@code count} by RSS (ties: lower pid first). */
  static Scan scan(HostRoot host, int count) throws IOException {
    List<Row> rows = new ArrayList<>();
    int seen = 0;
    int skipped = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(host.proc(""))) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (!name.chars().allMatch(c -> c >= '0' && c <= '9') || name.isEmpty() || name.length() > 9) {
          continue;
        }
        seen++;
        Row row = row(host, Integer.parseInt(name));
        if (row == null) {
          skipped++;
        } else {
          rows.add(row);
        }
      }
    }
    rows.sort(Comparator.comparingLong(Row::rssKb).reversed().thenComparingInt(Row::pid));
    return new Scan(List.copyOf(rows.subList(0, Math.min(count, rows.size()))), seen, skipped);
  }

  /** The row of one process, or null when it vanished, is a zombie, or has no memory of its own. */
  private static Row row(HostRoot host, int pid) {
    try {
      PidStat stat = PidStat.read(host, pid);
      PidStatus status = PidStatus.read(host, pid, new ProbeMetrics());
      long rss = ProcFiles.kb(status.rss());
      if (stat.exited() || rss < 0) {
        return null;
      }
      long swap = ProcFiles.kb(status.swap());
      Path dir = host.pid(pid);
      return new Row(stat.pid(), stat.ppid(), stat.comm(), rss, Math.max(swap, 0),
          small(dir.resolve("oom_score")), small(dir.resolve("oom_score_adj")));
    } catch (IOException | KernelFormatException e) {
      return null; // vanished between listing and reading (or an unparsable fixture line)
    }
  }

  private static String small(Path file) throws IOException {
    return KernelFiles.read(file).strip();
  }

  /** The redacted, cut command line of a listed process; {@code [comm]} when it has none. */
  private static String cmdline(HostRoot host, Row row, long deadline) throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return "(not read: time limit reached)";
    }
    try {
      String raw = ProcFiles.withTimeout(Duration.ofNanos(left), () -> ProcFiles.cmdline(host, row.pid()));
      String text = Redaction.commandLine(raw);
      if (text.isEmpty()) {
        return "[" + ProcFiles.printable(row.comm()) + "]";
      }
      return text.length() > CMDLINE_MAX ? text.substring(0, CMDLINE_MAX) + "..." : text;
    } catch (TimeoutException e) {
      return "(not read: time limit reached)";
    } catch (IOException e) {
      return "(unreadable: " + ProcFiles.reason(e) + ")";
    }
  }

  private static int indexOf(List<Row> rows, int pid) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).pid() == pid) {
        return i;
      }
    }
    return -1;
  }

  /** The aligned table: numbers right-aligned, text left-aligned, the command line last and unpadded. */
  static String table(List<Row> rows, List<String> cmdlines, int target) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"", "PID", "PPID", "COMM", "RSS_KB", "SWAP_KB", "OOM_SCORE", "OOM_ADJ", "CMDLINE"});
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      cells.add(new String[] {r.pid() == target ? "*" : "", Integer.toString(r.pid()), Integer.toString(r.ppid()),
          ProcFiles.printable(r.comm()), Long.toString(r.rssKb()), Long.toString(r.swapKb()), r.oomScore(),
          r.oomScoreAdj(), cmdlines.get(i)});
    }
    int columns = cells.get(0).length;
    int[] width = new int[columns];
    width[0] = 1; // the target mark
    for (String[] line : cells) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], line[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : cells) {
      StringBuilder l = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        boolean left = c == 0 || c == 3 || c == columns - 1;
        if (c > 0) {
          l.append(c == 1 ? " " : "  ");
        }
        if (c == columns - 1) {
          l.append(line[c]);
        } else if (left) {
          l.append(line[c]).append(" ".repeat(width[c] - line[c].length()));
        } else {
          l.append(" ".repeat(width[c] - line[c].length())).append(line[c]);
        }
      }
      out.append(l.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
