package dev.medic.engine.testing;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessSample;

/** Builders for synthetic facts, so engine tests read as scenarios. */
public final class Samples {

  public static final long MIB = 1L << 20;

  private Samples() {}

  public static CgroupSample cgroup(long ts, String path, double percent) {
    long limit = 100 * MIB;
    return new CgroupSample(ts, path, 1, (long) (limit * percent / 100), limit, percent, 0L, false);
  }

  public static MemorySample memory(long ts, double usedPercent) {
    long total = 1000 * MIB;
    long avail = (long) (total * (100 - usedPercent) / 100);
    return new MemorySample(ts, total, avail, 100 - usedPercent, usedPercent, 0, 0, 0, null, null, null);
  }

  public static ProcessSample process(long ts, int pid, String comm, String cgroup, long pssMib) {
    return new ProcessSample(ts, pid, 1, comm, comm + " --serve", 1000, "S", (pssMib + 5) * MIB, 0L, cgroup, 700, 0,
        pssMib * MIB, pssMib * MIB, false);
  }

  public static ProcessSample kernelThread(long ts, int pid, String comm) {
    return new ProcessSample(ts, pid, 2, comm, "", 0, "I", 0, null, "/", 0, 0, 9999 * MIB, 0L, true);
  }
}
