package dev.medic.probes;

import dev.medic.probes.cgroup.CgroupMemoryReader;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.proc.LimitsReader;
import dev.medic.probes.proc.MeminfoReader;
import dev.medic.probes.proc.PressureReader;
import dev.medic.probes.proc.ProcessReader;
import dev.medic.probes.proc.SwapsReader;
import dev.medic.probes.proc.VmSettingsReader;
import dev.medic.probes.proc.VmstatReader;
import dev.medic.probes.sys.EdacReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every probe a sweep may run, by name, in the one explicit order of a sweep's facts (recordings and decisions
 * depend on that order): no class-path scanning. The name is what logs say when the probe fails and what
 * {@code medic.yaml} switches off ({@code probes: {edac: false}}). To add a probe, add its entry where its facts
 * belong in the sweep.
 */
public final class ProbeRegistry {

  /**
   * What a probe is built from: the host, the sweep's settings, the metrics its problems are counted in, and the
   * network probes' shared reader (one per sweep, see {@link NetworkProbes}).
   */
  public record Inputs(HostRoot root, ProbeSettings settings, ProbeMetrics metrics, NetworkProbes network) {}

  /** One probe: its name and how to build it for one {@link ProbeSweep} (probes keep state between sweeps). */
  public record Entry(String name, Function<Inputs, Probe> factory) {}

  /** The builtin probes, in sweep order. */
  public static final List<Entry> BUILTIN = List.of(
      new Entry("meminfo", in -> {
        MeminfoReader reader = new MeminfoReader(in.root(), in.metrics());
        return sweep -> reader.read(sweep.timestamp()).ifPresent(sweep::add);
      }),
      new Entry("pressure", in -> {
        PressureReader reader = new PressureReader(in.root(), in.metrics());
        return sweep -> sweep.addAll(reader.read(sweep.timestamp()));
      }),
      new Entry("vmstat", in -> {
        VmstatReader reader = new VmstatReader(in.root(), in.metrics());
        return sweep -> reader.read(sweep.timestamp()).ifPresent(sweep::add);
      }),
      new Entry("swaps", in -> {
        SwapsReader reader = new SwapsReader(in.root(), in.metrics());
        return sweep -> sweep.addAll(reader.read(sweep.timestamp()));
      }),
      new Entry("vm", in -> {
        VmSettingsReader reader = new VmSettingsReader(in.root(), in.metrics());
        return sweep -> reader.read(sweep.timestamp()).ifPresent(sweep::add);
      }),
      new Entry("edac", in -> {
        EdacReader reader = new EdacReader(in.root(), in.metrics());
        return sweep -> sweep.addAll(reader.read(sweep.timestamp()));
      }),
      new Entry("kmsg", in -> sweep -> {
        if (sweep.kernelLog().isPresent()) {
          List<Fact> records = sweep.kernelLog().get().drain(sweep.timestamp());
          sweep.addAll(records);
          if (records.stream().anyMatch(OomKill.class::isInstance)) {
            sweep.oomKillArrived();
          }
        }
      }),
      new Entry("cgroup", in -> {
        CgroupMemoryReader reader = new CgroupMemoryReader(in.root(), in.metrics());
        return sweep -> {
          for (CgroupSample sample : reader.read(sweep.timestamp())) {
            sweep.addCgroup(sample);
          }
        };
      }),
      // the process table is most of a sweep's cost: only on the sweeps it is due (see processTableDue)
      new Entry("process", in -> {
        ProcessReader reader = new ProcessReader(in.root(), in.settings(), in.metrics());
        return sweep -> {
          if (sweep.processTableDue()) {
            sweep.addAll(reader.read(sweep.timestamp(), sweep.cgroupPaths()));
            sweep.selectProcesses(reader.selected());
          }
        };
      }),
      new Entry("limits", in -> {
        LimitsReader reader = new LimitsReader(in.root(), in.metrics());
        return sweep -> {
          if (sweep.processTableDue()) {
            sweep.addAll(reader.read(sweep.timestamp(), sweep.selectedProcesses()));
          }
        };
      }),
      // the inside network facts, read together namespace by namespace (NetworkProbes), each name a switch
      new Entry("files", in -> in.network().probe("files")),
      new Entry("tcp", in -> in.network().probe("tcp")),
      new Entry("sockets", in -> in.network().probe("sockets")),
      new Entry("listeners", in -> in.network().probe("listeners")),
      new Entry("conntrack", in -> in.network().probe("conntrack")),
      new Entry("nic", in -> in.network().probe("nic")),
      new Entry("ports", in -> in.network().probe("ports")),
      new Entry("resolver", in -> in.network().probe("resolver")),
      new Entry("route", in -> in.network().probe("route")),
      // the outside checks' results since the last sweep (ProbeSweep.withChecks), stamped with this sweep
      new Entry("checks", in -> sweep -> sweep.addAll(sweep.checkResults())));

  private ProbeRegistry() {}

  /** The builtin probes' names, in sweep order. */
  public static List<String> names() {
    return BUILTIN.stream().map(Entry::name).toList();
  }

  /** The first name (alphabetically) of {@code switches} that is not a builtin probe, if any. */
  public static Optional<String> unknown(Map<String, Boolean> switches) {
    return switches.keySet().stream().filter(name -> !names().contains(name)).sorted().findFirst();
  }
}
