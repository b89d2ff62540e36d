package dev.medic.agent;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.runtime.EngineListener;
import dev.medic.probes.ProbeMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Medic's counters, in one Micrometer registry: sweeps and sweep failures, plans, decisions by verdict, action
 * outcomes by status, and the probes' skipped records, vanished processes and failed reads. What goes wrong is
 * counted here and journalled, never thrown at the operator.
 */
public final class MedicMetrics implements EngineListener {

  private final MeterRegistry registry;

  public MedicMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public static MedicMetrics simple() {
    return new MedicMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  void sweep() {
    registry.counter("medic.sweeps").increment();
  }

  void sweepFailed() {
    registry.counter("medic.sweep.failures").increment();
  }

  /** The state dir or its journal was found deleted or replaced (see {@link StateDirWatch}). */
  void stateVanished() {
    registry.counter("medic.state.vanished").increment();
  }

  /** Journal writes that failed (full disk, read-only, vanished), and actions dropped unrun. */
  void bind(FileJournal journal, LiveExecutor executor) {
    FunctionCounter.builder("medic.journal.write.failures", journal, FileJournal::failures).register(registry);
    FunctionCounter.builder("medic.actions.dropped", executor, LiveExecutor::dropped).register(registry);
  }

  @Override
  public void planned(Plan plan) {
    registry.counter("medic.plans", "runbook", plan.runbook()).increment();
  }

  @Override
  public void decided(Decision decision) {
    registry.counter("medic.decisions", "verdict", decision.verdict().word()).increment();
  }

  /** One action outcome: {@code ok}, {@code failed}, {@code timed_out}, {@code target_gone}. */
  public void action(String name, String status) {
    registry.counter("medic.actions", "action", name, "status", status.toLowerCase(Locale.ROOT)).increment();
  }

  /** Exposes the probes' own counters through this registry. */
  public void bind(ProbeMetrics probes) {
    FunctionCounter.builder("medic.probe.skipped.records", probes, ProbeMetrics::skippedRecords).register(registry);
    FunctionCounter.builder("medic.probe.vanished.processes", probes, ProbeMetrics::vanishedProcesses)
        .register(registry);
    FunctionCounter.builder("medic.probe.failed.reads", probes, ProbeMetrics::failedReads).register(registry);
    FunctionCounter.builder("medic.probe.missing.sources", probes, ProbeMetrics::missingSources).register(registry);
  }

  /** Every counter as {@code name{tag=value,…}} → count, sorted, for the journal's stop event. */
  public Map<String, Double> snapshot() {
    Map<String, Double> out = new TreeMap<>();
    for (Meter m : registry.getMeters()) {
      StringBuilder key = new StringBuilder(m.getId().getName());
      if (!m.getId().getTags().isEmpty()) {
        key.append('{');
        m.getId().getTags().forEach(t -> key.append(t.getKey()).append('=').append(t.getValue()).append(','));
        key.setCharAt(key.length() - 1, '}');
      }
      m.measure().forEach(ms -> out.put(key.toString(), ms.getValue()));
    }
    return out;
  }

  /** A count by name and tags, 0 when never incremented; for tests and the console. */
  public double count(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
