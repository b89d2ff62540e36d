package dev.medic.agent;

import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.runtime.EngineListener;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.Fact;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Medic's counters, in one Micrometer registry: sweeps and sweep failures, plans, decisions by verdict, action
 * outcomes by status, and the probes' skipped records, vanished processes and failed reads. What goes wrong is
 * counted here and journalled, never thrown at the operator. Live, the registry is Prometheus' (scraped at the
 * API's {@code /metrics}): Micrometer names such as {@code medic.sweeps} become {@code medic_sweeps_total},
 * timers {@code medic_sweep_duration_seconds}.
 */
public final class MedicMetrics implements EngineListener {

  private final MeterRegistry registry;

  public MedicMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public static MedicMetrics simple() {
    return new MedicMetrics(new SimpleMeterRegistry());
  }

  /** A Prometheus registry with the JVM's memory gauges: what a live agent exposes at {@code /metrics}. */
  public static MedicMetrics prometheus() {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(r);
    return new MedicMetrics(r);
  }

  /** The metrics in Prometheus' text format; empty when the registry is not Prometheus'. */
  public String scrape() {
    return registry instanceof PrometheusMeterRegistry p ? p.scrape() : "";
  }

  public MeterRegistry registry() {
    return registry;
  }

  void sweep() {
    registry.counter("medic.sweeps").increment();
  }

  /** How long one sweep took, probes and engine together (the agent's decision latency). */
  void sweepTook(long nanos) {
    Timer.builder("medic.sweep.duration").description("one sweep: probes read, facts decided")
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One sweep's facts, counted by type. */
  public void facts(List<? extends Fact> facts) {
    Map<String, Integer> byType = new HashMap<>();
    facts.forEach(f -> byType.merge(f.type(), 1, Integer::sum));
    byType.forEach((type, n) -> registry.counter("medic.facts", "type", type).increment(n));
  }

  /** One journal's lines and bytes written, as counters. */
  public void bind(FileJournal journal) {
    FunctionCounter.builder("medic.journal.lines", journal, FileJournal::lines).register(registry);
    FunctionCounter.builder("medic.journal.written", journal, FileJournal::bytes).baseUnit("bytes")
        .register(registry);
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
    registry.counter("medic.decisions", "runbook", decision.runbook(), "verdict", decision.verdict().word(), "gate",
        decision.gate()).increment();
  }

  /** One action outcome: {@code ok}, {@code failed}, {@code timed_out}, {@code target_gone}. */
  public void action(String name, String status) {
    registry.counter("medic.actions", "action", name, "status", status.toLowerCase(Locale.ROOT)).increment();
  }

  /** One action outcome and how long the action ran. */
  public void action(String name, String status, long nanos) {
    action(name, status);
    Timer.builder("medic.action.duration").tags("action", name, "status", status.toLowerCase(Locale.ROOT))
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Exposes the probes' own counters through this registry. */
  public void bind(ProbeMetrics probes) {
    FunctionCounter.builder("medic.probe.skipped.records", probes, ProbeMetrics::skippedRecords).register(registry);
    FunctionCounter.builder("medic.probe.vanished.processes", probes, ProbeMetrics::vanishedProcesses)
        .register(registry);
    FunctionCounter.builder("medic.probe.failed.reads", probes, ProbeMetrics::failedReads).register(registry);
    FunctionCounter.builder("medic.probe.missing.sources", probes, ProbeMetrics::missingSources).register(registry);
  }

  /** Every Medic counter as {@code name{tag=value,…}} → count, sorted, for the journal's stop event. */
  public Map<String, Double> snapshot() {
    Map<String, Double> out = new TreeMap<>();
    for (Meter m : registry.getMeters()) {
      if (!(m instanceof Counter || m instanceof FunctionCounter) || !m.getId().getName().startsWith("medic.")) {
        continue; // timers and the JVM's gauges are for Prometheus, not the journal
      }
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

  /** A count by name and tags (summed over the tags not given), 0 when never incremented; tests, the console. */
  public double count(String name, String... tags) {
    return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }
}
