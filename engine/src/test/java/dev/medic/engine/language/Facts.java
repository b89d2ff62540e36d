package dev.medic.engine.language;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.KernelEvent;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.ProcessSample;

/** Synthetic facts for language tests. */
final class Facts {

  static final long MIB = 1L << 20;

  private Facts() {}

  static ProcessSample process(long ts, int pid, String comm, String cgroup, long rssMib) {
    return new ProcessSample(ts, pid, 1, comm, comm, 1000, "S", rssMib * MIB, 0L, cgroup, 600, 0, rssMib * MIB,
        rssMib * MIB, false, null, null, null, null, null, cgroup.endsWith(".service")
        ? cgroup.substring(cgroup.lastIndexOf('/') + 1) : null, null);
  }

  static CgroupSample cgroup(long ts, String path, double percent, long oomKills) {
    long limit = 1000 * MIB;
    return new CgroupSample(ts, path, 2, (long) (limit * percent / 100), limit, percent, oomKills, null);
  }

  static OomKill kill(long ts, int pid, String comm, String oomCgroup) {
    return new OomKill(ts, ts - 500, pid, comm, 1000, 900 * MIB, 0L, 0L, 0, "hog", "CONSTRAINT_MEMCG",
        oomCgroup == null, oomCgroup, oomCgroup, false);
  }

  static KernelEvent event(long ts, String kind) {
    return new KernelEvent(ts, ts - 100, kind, 4, kind + " happened");
  }
}
