package dev.medic.engine.session;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.proc.CgroupPaths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The processes a "largest by RSS where no candidate has {@code rank}" fallback can pick ({@code top_process_by_pss}
 * on a host where PSS was not read): those inside a scope with no ranked candidate. The scopes a rule can rank in
 * are the host and, this sweep, the cgroups sampled and the cgroups of OOM kills; a scope contains a process when it
 * is the process's cgroup or above it. If a ranked candidate sits in a process's cgroup or below, every scope that
 * contains the process contains that candidate too, and the fallback is off there.
 */
record UnrankedScopes(Function<Fact, Object> rank) implements KeySource {

  @Override
  public Predicate<Fact> forSweep(List<? extends Fact> facts, List<Trend> trends, Function<Fact, Object> keyOf) {
    boolean anyRanked = false;
    Set<String> ranked = new HashSet<>(); // cgroups with a ranked candidate in or below them
    Set<String> scopes = new HashSet<>();
    for (Fact f : facts) {
      if (f instanceof ProcessSample p && !p.kernelThread() && rank.apply(f) != null) {
        anyRanked = true;
        for (String c = p.memoryCgroup(); c != null; c = CgroupPaths.parent(c)) {
          ranked.add(c);
        }
      } else if (f instanceof CgroupSample c) {
        scopes.add(c.path());
      } else if (f instanceof OomKill k && k.oomCgroup() != null) {
        scopes.add(k.oomCgroup());
      }
    }
    if (!anyRanked) {
      return f -> true; // no ranked candidate on the whole host: the host-wide fallback can pick anyone
    }
    Map<String, Boolean> decided = new HashMap<>(); // many processes share a cgroup: decide each once
    return f -> {
      String cgroup = ((ProcessSample) f).memoryCgroup();
      return cgroup != null && decided.computeIfAbsent(cgroup, c -> unrankedScopeAbove(c, ranked, scopes));
    };
  }

  private static boolean unrankedScopeAbove(String cgroup, Set<String> ranked, Set<String> scopes) {
    for (String c = cgroup; c != null; c = CgroupPaths.parent(c)) {
      if (scopes.contains(c) && !ranked.contains(c)) {
        return true;
      }
    }
    return false;
  }
}
