package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;

/**
 * One process (the guide's {@code ps aux --sort=-%mem} and {@code smem --sort=uss}).
 *
 * <p>The cheap fields come from {@code /proc/<pid>/stat}, {@code status}, {@code cgroup}, {@code oom_score},
 * {@code oom_score_adj} and a {@code stat()} of {@code fd/} for every process every sweep; {@code cmdline} is kept per
 * process (pid and start time) for up to 60 s (docs/facts.md, "Cached fields"). PSS and USS come from {@code smaps_rollup}, which
 * walks the target's page tables under its memory-map lock, so they are read only for the top processes by RSS
 * (and the largest process of each limited cgroup) and are null for the others.
 *
 * @param comm the kernel's short name (may contain spaces, parentheses or newlines: never pass it to a shell)
 * @param cmdline arguments joined with single spaces; empty for kernel threads and zombies
 * @param state one letter from {@code stat}: R, S, D, Z, T, I…
 * @param rss VmRSS in bytes (0 for kernel threads)
 * @param swap VmSwap in bytes; null when the kernel does not report it
 * @param memoryCgroup path in the memory hierarchy (v1 {@code memory} controller line, else the v2 line)
 * @param pss Pss from smaps_rollup in bytes, null when not read
 * @param uss Private_Clean + Private_Dirty from smaps_rollup in bytes, null when not read
 * @param kernelThread PF_KTHREAD is set in the stat flags
 * @param startTime when the process started, epoch milliseconds (boot time + stat starttime)
 * @param threads Threads from {@code status}
 * @param openFds open file descriptors: the size stat() gives {@code /proc/<pid>/fd} (Linux 6.2+), else its
 *     entries; null when not readable
 * @param rssGrowth RSS growth in bytes per minute: the least-squares slope of this process's RSS over the recent
 *     sweeps (the guide's "memory usage pattern over time"); null until there is enough history
 * @param swapPss SwapPss from smaps_rollup in bytes (this process's fair share of swap), null when not read
 * @param unit the systemd unit that owns the process, from its cgroup path ({@code nginx.service}); null if none
 * @param container the container id from its cgroup path (docker, containerd, cri-o, kubepods); null if none
 */
@Key("pid")
public record ProcessSample(
    long timestamp,
    int pid,
    int ppid,
    String comm,
    String cmdline,
    int uid,
    String state,
    @Kind(BYTES) long rss,
    @Kind(BYTES) Long swap,
    @Nullable String memoryCgroup,
    Integer oomScore,
    Integer oomScoreAdj,
    @Kind(BYTES) Long pss,
    @Kind(BYTES) Long uss,
    boolean kernelThread,
    Long startTime,
    Integer threads,
    Integer openFds,
    @Kind(BYTES) Double rssGrowth,
    @Kind(BYTES) Long swapPss,
    @Nullable String unit,
    @Nullable String container)
    implements Fact {

  /** The fields read for every process; the rest absent. For tests and synthetic scenarios. */
  public ProcessSample(long timestamp, int pid, int ppid, String comm, String cmdline, int uid, String state,
      long rss, Long swap, String memoryCgroup, Integer oomScore, Integer oomScoreAdj, Long pss, Long uss,
      boolean kernelThread) {
    this(timestamp, pid, ppid, comm, cmdline, uid, state, rss, swap, memoryCgroup, oomScore, oomScoreAdj, pss, uss,
        kernelThread, null, null, null, null, null, null, null);
  }

  public static final String TYPE = "process";

  @Override
  public String type() {
    return TYPE;
  }
}
