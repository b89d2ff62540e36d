package dev.medic.probes.facts;

/**
 * One process (the guide's {@code ps aux --sort=-%mem} and {@code smem --sort=uss}).
 *
 * <p>The cheap fields come from {@code /proc/<pid>/stat}, {@code status}, {@code cgroup}, {@code cmdline},
 * {@code oom_score} and {@code oom_score_adj} for every process. PSS and USS come from {@code smaps_rollup}, which
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
 */
public record ProcessSample(
    long timestamp,
    int pid,
    int ppid,
    String comm,
    String cmdline,
    int uid,
    String state,
    long rss,
    Long swap,
    String memoryCgroup,
    Integer oomScore,
    Integer oomScoreAdj,
    Long pss,
    Long uss,
    boolean kernelThread)
    implements Fact {

  public static final String TYPE = "process";

  @Override
  public String type() {
    return TYPE;
  }
}
