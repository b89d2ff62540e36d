package dev.medic.cli;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.facts.SwapDevice;
import dev.medic.probes.facts.VmSettings;
import dev.medic.probes.facts.VmstatSample;
import dev.medic.probes.proc.OpenFdsReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One sweep as the answer to the guide's first questions: {@code free -h} and {@code swapon --show} (memory and
 * swap), {@code vmstat} (reclaim and swapping), pressure, cgroups near their limits ({@code docker stats}), recent
 * OOM kills ({@code dmesg | grep -i oom}), the top processes ({@code ps aux --sort=-%mem}, {@code smem}) and limits
 * that look wrong. {@link ProbeText} renders it for people; {@link #json()} for machines.
 */
final class ProbeReport {

  final long timestamp;
  final Optional<MemorySample> memory;
  final Optional<VmstatSample> vmstat;
  final Optional<VmSettings> settings;
  final List<SwapDevice> swaps = new ArrayList<>();
  final List<PressureSample> pressure = new ArrayList<>();
  final List<CgroupSample> cgroups = new ArrayList<>();
  final List<OomKill> oomKills = new ArrayList<>();
  final List<ProcessSample> processes;
  final List<ProcessLimits> limits = new ArrayList<>();
  final List<String> findings;
  final ProcessOrder order;
  final NetworkReport network;

  /** @param fds open descriptors against the limit of a pid, for the network section */
  ProbeReport(long timestamp, List<Fact> facts, int top, ProcessOrder order,
      IntFunction<Optional<OpenFdsReader.FdUsage>> fds) {
    this.timestamp = timestamp;
    this.network = new NetworkReport(facts, fds);
    this.order = order;
    MemorySample mem = null;
    VmstatSample vm = null;
    VmSettings set = null;
    List<ProcessSample> all = new ArrayList<>();
    for (Fact f : facts) {
      if (f instanceof MemorySample m) {
        mem = m;
      } else if (f instanceof VmstatSample v) {
        vm = v;
      } else if (f instanceof VmSettings s) {
        set = s;
      } else if (f instanceof SwapDevice s) {
        swaps.add(s);
      } else if (f instanceof PressureSample p) {
        pressure.add(p);
      } else if (f instanceof CgroupSample c) {
        cgroups.add(c);
      } else if (f instanceof OomKill k) {
        oomKills.add(k);
      } else if (f instanceof ProcessLimits l) {
        limits.add(l);
      } else if (f instanceof ProcessSample p && !p.kernelThread()) {
        all.add(p);
      } // kernel events and EDAC counters have no section here; network facts are the network section's
    }
    memory = Optional.ofNullable(mem);
    vmstat = Optional.ofNullable(vm);
    settings = Optional.ofNullable(set);
    cgroups.sort(Comparator.comparing((CgroupSample c) -> c.usagePercent() == null ? 0 : c.usagePercent()).reversed()
        .thenComparing(CgroupSample::path));
    oomKills.sort(Comparator.comparingLong(OomKill::kernelTime).reversed());
    all.sort(order.comparator());
    processes = top > 0 && all.size() > top ? List.copyOf(all.subList(0, top)) : List.copyOf(all);
    findings = LimitFindings.find(memory, cgroups, processes, limits);
  }

  /** The JSON form: sizes in bytes, fields named as in runbooks. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timestamp", timestamp);
    m.put("memory", memory.orElse(null));
    m.put("swaps", swaps);
    m.put("vmstat", vmstat.orElse(null));
    m.put("vm", settings.orElse(null));
    m.put("pressure", pressure);
    m.put("cgroups", cgroups);
    m.put("oomKills", oomKills);
    m.put("sort", order.word());
    m.put("processes", processes);
    m.put("limits", limits);
    m.put("findings", findings);
    m.put("network", network.json());
    return m;
  }
}
