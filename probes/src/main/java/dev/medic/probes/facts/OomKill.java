package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;

/**
 * One OOM kill from the kernel log ({@code /dev/kmsg}), with the invoker line, the constraint line, the
 * {@code Killed process} line and the {@code oom_reaper} line joined into one fact. Stamped with the sweep that
 * delivered it; {@code kernelTime} is when the kernel logged it.
 *
 * @param kernelTime epoch milliseconds of the {@code Killed process} record (boot time + its monotonic stamp)
 * @param pid the killed process
 * @param comm its name as the kernel logged it
 * @param uid its user
 * @param anonRss anon-rss at the kill, bytes
 * @param fileRss file-rss at the kill, bytes
 * @param shmemRss shmem-rss at the kill, bytes
 * @param oomScoreAdj its oom_score_adj
 * @param invoker the task whose allocation invoked the OOM killer (null when the invoker line was not seen)
 * @param constraint {@code CONSTRAINT_NONE}, {@code CONSTRAINT_MEMCG}, {@code CONSTRAINT_CPUSET}… (null if not seen)
 * @param global true for a system-wide OOM ({@code global_oom}), false for a memory cgroup's limit
 * @param oomCgroup the cgroup whose limit was hit ({@code oom_memcg}); null for a global OOM
 * @param taskCgroup the killed task's cgroup ({@code task_memcg})
 * @param reaped the oom_reaper reported the memory freed
 */
@Key("pid")
@Occurrence
public record OomKill(
    long timestamp,
    long kernelTime,
    int pid,
    String comm,
    Integer uid,
    @Kind(BYTES) Long anonRss,
    @Kind(BYTES) Long fileRss,
    @Kind(BYTES) Long shmemRss,
    Integer oomScoreAdj,
    @Nullable String invoker,
    @Nullable String constraint,
    boolean global,
    @Nullable String oomCgroup,
    @Nullable String taskCgroup,
    boolean reaped)
    implements Fact {

  public static final String TYPE = "oom_kill";

  @Override
  public String type() {
    return TYPE;
  }
}
