package dev.medic.probes;

/**
 * One source of facts in a sweep: meminfo, pressure, the cgroup tree, the process table… Each is registered by
 * name in {@link ProbeRegistry}, and the name is also the switch that turns it off in {@code medic.yaml}
 * ({@code probes: {edac: false}}), as node_exporter's collectors are. A probe reads its kernel source with the
 * readers of {@code proc/}, {@code cgroup/}, {@code sys/} or {@code kmsg/} and adds what it found to the
 * {@link SweepContext}, where later probes of the same sweep see it (the process probe reads the cgroup paths the
 * cgroup probe sampled). A probe that throws costs only its own facts for that sweep.
 */
@FunctionalInterface
public interface Probe {

  /** Reads this probe's facts for {@code sweep.timestamp()} into {@code sweep}. */
  void read(SweepContext sweep) throws Exception;
}
