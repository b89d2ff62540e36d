package dev.medic.probes.kmsg;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.OomKill;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Joins the lines of one OOM report from the kernel log ({@code mm/oom_kill.c}) into an {@link OomKill}: the
 * {@code invoked oom-killer} line, the {@code oom-kill:constraint=…} line (4.19+), the pre-5.1 {@code Kill process
 * … or sacrifice child} or pre-4.19 {@code Task in … killed as a result of limit of …} line, and the
 * {@code Killed process} line that completes the kill. Lines of other kinds in between (the Mem-Info dump, the
 * task table, other drivers' messages) are ignored.
 *
 * <p><b>Emit timing.</b> The kill is returned by the {@code Killed process} record with {@code reaped=false}; the
 * assembler never holds a kill back. The {@code oom_reaper: reaped process} line comes asynchronously (since 5.18
 * after a 2 s delay, and not at all when the victim exits by itself), so waiting for it here would need a timer.
 * Instead {@link #reapedPid} recognises it and {@link KernelLogSource} sets {@code reaped} on the kill if that kill
 * has not been drained yet.
 *
 * <p><b>Joining.</b> The invoker line starts a new OOM; the report-level fields (invoker, constraint, global,
 * oomCgroup) go to the next {@code Killed process} line only, or to every kill of a {@code memory.oom.group} kill.
 * The task-level fields of the constraint line (taskCgroup, uid) go only to the kill of the same pid. A gap in the
 * sequence numbers (records overwritten before they were read) drops the partial report, so a kill is never joined
 * with the lines of another OOM; fields not seen are null. Not thread-safe: feed it from one thread, in order.
 */
public final class OomKillAssembler {

  private final long bootTimeMillis;
  private final ProbeMetrics metrics;

  private long lastSequence = -1;
  private String invoker;
  private OomLines.Constraint constraint;
  private Boolean memcgHint;
  private String oomCgroupHint;
  private String taskCgroupHint;
  /** The report's fields were given to a kill already; a new kill takes them only in a group kill. */
  private boolean consumed;
  private boolean groupKill;

  /**
   * @param bootTimeMillis epoch milliseconds of the kernel's monotonic zero; a record's {@code kernelTime} is this
   *     plus its monotonic stamp
   */
  public OomKillAssembler(long bootTimeMillis, ProbeMetrics metrics) {
    this.bootTimeMillis = bootTimeMillis;
    this.metrics = metrics;
  }

  /** Feeds the next record; returns the kill its {@code Killed process} line completes (timestamp 0). */
  public Optional<OomKill> accept(KmsgRecord record) {
    if (lastSequence >= 0 && record.sequence() >= 0 && record.sequence() != lastSequence + 1) {
      startReport(null);
      consumed = true;
    }
    lastSequence = record.sequence();
    String message = record.message();
    String invokerComm = OomLines.invoker(message);
    if (invokerComm != null) {
      startReport(invokerComm);
      return Optional.empty();
    }
    if (message.startsWith("oom-kill:")) {
      OomLines.Constraint parsed = OomLines.constraint(message);
      if (parsed == null) {
        metrics.countSkippedRecord();
      } else {
        reportLine();
        constraint = parsed;
      }
      return Optional.empty();
    }
    Boolean sacrifice = OomLines.sacrificeIsMemcg(message);
    String[] taskIn = sacrifice == null ? OomLines.taskIn(message) : null;
    if (sacrifice != null || taskIn != null) {
      reportLine();
      memcgHint = sacrifice != null ? sacrifice : Boolean.TRUE;
      if (taskIn != null) {
        taskCgroupHint = taskIn[0];
        oomCgroupHint = taskIn[1];
      }
      return Optional.empty();
    }
    if (OomLines.groupKill(message)) {
      groupKill = true;
      return Optional.empty();
    }
    OomLines.Killed killed = OomLines.killed(message);
    return killed == null ? Optional.empty() : Optional.of(complete(killed, record.monotonicMicros()));
  }

  /**
   * The pid of an {@code oom_reaper: reaped process N (comm), now anon-rss:0kB, …} line: the reaper freed that
   * victim's memory.
   */
  public static OptionalInt reapedPid(String message) {
    int pid = OomLines.reapedPid(message);
    return pid < 0 ? OptionalInt.empty() : OptionalInt.of(pid);
  }

  private OomKill complete(OomLines.Killed killed, long micros) {
    boolean withReport = !consumed || groupKill;
    consumed = true;
    OomLines.Constraint c = withReport ? constraint : null;
    boolean samePid = c != null && c.pid() == killed.pid();
    Boolean memcg = killed.memcg() != null ? killed.memcg() : withReport ? memcgHint : null;
    boolean global = c != null ? c.global() : memcg == null || !memcg;
    String oomCgroup = c != null ? c.oomCgroup() : withReport ? oomCgroupHint : null;
    String taskCgroup = samePid ? c.taskCgroup() : withReport && c == null ? taskCgroupHint : null;
    Map<String, Long> f = killed.fields();
    Long uid = f.get("UID");
    return new OomKill(
        0,
        bootTimeMillis + micros / 1000,
        killed.pid(),
        killed.comm(),
        uid != null ? Integer.valueOf(uid.intValue()) : samePid ? Integer.valueOf(c.uid()) : null,
        bytes(f.get("anon-rss")),
        bytes(f.get("file-rss")),
        bytes(f.get("shmem-rss")),
        f.containsKey("oom_score_adj") ? Integer.valueOf(f.get("oom_score_adj").intValue()) : null,
        withReport ? invoker : null,
        c != null ? c.constraint() : null,
        global,
        global ? null : oomCgroup,
        taskCgroup,
        false);
  }

  private void startReport(String invokerComm) {
    invoker = invokerComm;
    constraint = null;
    memcgHint = null;
    oomCgroupHint = null;
    taskCgroupHint = null;
    consumed = false;
    groupKill = false;
  }

  /** A report line after the report's kill was already emitted belongs to a new OOM whose invoker line we missed. */
  private void reportLine() {
    if (consumed) {
      startReport(null);
    }
  }

  private static Long bytes(Long kb) {
    return kb == null || kb < 0 || kb > Long.MAX_VALUE / 1024 ? null : kb * 1024;
  }
}
