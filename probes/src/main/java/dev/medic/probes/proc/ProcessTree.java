package dev.medic.probes.proc;

import dev.medic.probes.facts.ProcessSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parent/child tree of one sweep's processes, from the ppid field of {@code /proc/<pid>/stat} (the guide's
 * tree view, {@code ps -ef --forest}): who started a runaway process, and what else dies with it.
 *
 * <p>Pure: built from a list of {@link ProcessSample}s of one sweep. The samples are a snapshot taken pid by pid
 * while processes fork, exit and get reparented, so a parent may be missing and, in principle, the ppid links may
 * form a cycle; every walk stops at a missing parent or a pid it has already visited.
 */
public final class ProcessTree {

  private final Map<Integer, ProcessSample> byPid = new HashMap<>();
  private final Map<Integer, List<ProcessSample>> children = new HashMap<>();

  public ProcessTree(List<ProcessSample> processes) {
    for (ProcessSample p : processes) {
      byPid.put(p.pid(), p);
    }
    for (ProcessSample p : byPid.values()) {
      if (p.ppid() != p.pid()) {
        children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
      }
    }
    children.values().forEach(list -> list.sort(Comparator.comparingInt(ProcessSample::pid)));
  }

  /** The sample of {@code pid}, or null when it is not in this sweep. */
  public ProcessSample get(int pid) {
    return byPid.get(pid);
  }

  /**
   * Parent first, then its parent, up to pid 1 (or the last one present in the sweep). Kernel threads end at
   * kthreadd (2), whose parent is 0. Empty when {@code pid} is not in the sweep or has no known parent.
   */
  public List<ProcessSample> ancestors(int pid) {
    List<ProcessSample> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    seen.add(pid);
    ProcessSample p = byPid.get(pid);
    while (p != null && p.pid() != 1) {
      ProcessSample parent = byPid.get(p.ppid());
      if (parent == null || !seen.add(parent.pid())) {
        break;
      }
      out.add(parent);
      p = parent;
    }
    return out;
  }

  /** Direct children, by pid; empty when none (or when {@code pid} is not in the sweep). */
  public List<ProcessSample> children(int pid) {
    return List.copyOf(children.getOrDefault(pid, List.of()));
  }

  /**
   * {@code hog(4321) ← bash(1019) ← sshd(900) ← systemd(1)}: the process and its ancestors. A parent missing from
   * the sweep (exited between reads) shows as {@code ?(ppid)}; a pid not in the sweep as {@code ?(pid)}. The comms
   * are as the kernel has them: escape them before printing to a terminal.
   */
  public String chain(int pid) {
    ProcessSample self = byPid.get(pid);
    if (self == null) {
      return "?(" + pid + ")";
    }
    StringBuilder out = new StringBuilder(label(self));
    ProcessSample last = self;
    for (ProcessSample ancestor : ancestors(pid)) {
      out.append(" ← ").append(label(ancestor));
      last = ancestor;
    }
    if (last.pid() != 1 && last.ppid() != 0 && !byPid.containsKey(last.ppid())) {
      out.append(" ← ?(").append(last.ppid()).append(')');
    }
    return out.toString();
  }

  private static String label(ProcessSample p) {
    return p.comm() + "(" + p.pid() + ")";
  }
}
