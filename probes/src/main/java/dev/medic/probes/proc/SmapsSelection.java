package dev.medic.probes.proc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which processes get the costly {@code /proc/<pid>/smaps_rollup} read: the top N by RSS, plus the largest process
 * inside each limited cgroup, so a rule about a cgroup near its limit can see its biggest member's USS.
 *
 * <p>"Inside" includes descendants: limits are usually set on a pod or slice whose processes sit in child
 * cgroups.
 */
final class SmapsSelection {

  /** What the selection looks at. Kernel threads and zombies must not be passed: they have no memory map. */
  record Candidate(int pid, long rss, String memoryCgroup) {}

  private SmapsSelection() {}

  static Set<Integer> select(List<Candidate> candidates, int topN, Set<String> limitedCgroups) {
    List<Candidate> byRss = new ArrayList<>(candidates);
    byRss.sort(Comparator.comparingLong(Candidate::rss).reversed().thenComparingInt(Candidate::pid));
    Set<Integer> chosen = new HashSet<>();
    for (int i = 0; i < Math.min(topN, byRss.size()); i++) {
      chosen.add(byRss.get(i).pid());
    }
    Set<String> unclaimed = new HashSet<>(limitedCgroups);
    // largest first: the first process found under a limited cgroup is its largest; walk up its ancestors
    for (Candidate c : byRss) {
      if (unclaimed.isEmpty()) {
        break;
      }
      for (String cg = c.memoryCgroup(); cg != null; cg = CgroupPaths.parent(cg)) {
        if (unclaimed.remove(cg)) {
          chosen.add(c.pid());
        }
      }
    }
    return chosen;
  }

}
