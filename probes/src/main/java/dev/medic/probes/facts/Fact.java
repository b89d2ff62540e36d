package dev.medic.probes.facts;

/**
 * A fact observed on the host at one moment: what probes produce, what runbooks reason over, and what a
 * recording stores, one per line.
 *
 * <p>Facts are immutable records and Drools events. Sizes are in bytes, percentages in 0..100, timestamps in
 * epoch milliseconds of the sweep that produced them (every fact of one sweep has the same timestamp, which
 * is what lets a rule join a cgroup sample with the processes seen at the same moment). A field the kernel
 * does not provide on this host is {@code null}, never 0.
 */
public sealed interface Fact
    permits MemorySample, PressureSample, CgroupSample, ProcessSample, ProcessLimits, VmstatSample, SwapDevice,
        VmSettings, OomKill, KernelEvent, EdacSample, TcpSample, SocketsSample, ListenerSample, ConntrackSample,
        NicSample, FilesSample, PortsSample, ResolverSample, RouteSample,
        CheckSample, AlertFact, ScheduleTick {

  /** The short name used in runbooks and recordings: {@code memory}, {@code pressure}, {@code cgroup}, {@code process}. */
  String type();

  /** Epoch milliseconds of the sweep that produced this fact. */
  long timestamp();
}
