package dev.medic.agent.notify;

import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.runtime.EngineListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hears the engine's plans and decisions (as an {@link EngineListener}, on the engine's thread) and, at the end of
 * each sweep ({@link #flush}), hands every plan with its decisions to the sinks its routes name. Handing over is a
 * non-blocking offer to each sink's {@link SinkWorker}: the engine's thread never waits for a network.
 */
public final class Notifier implements EngineListener, AutoCloseable {

  private final String host;
  private final List<Route> routes;
  private final Map<String, SinkWorker> workers;
  private final Map<String, Plan> plans = new LinkedHashMap<>();
  private final Map<String, List<Decision>> decisions = new LinkedHashMap<>();

  /** @param workers by sink name; every name a route uses is among them ({@link NotifySettings} checked it) */
  public Notifier(String host, List<Route> routes, Map<String, SinkWorker> workers) {
    this.host = host;
    this.routes = List.copyOf(routes);
    this.workers = Map.copyOf(workers);
  }

  /** The notifier of these settings: one worker per configured sink. */
  public static Notifier start(NotifySettings settings, String host, Journal journal, MeterRegistry registry) {
    Map<String, SinkWorker> workers = new LinkedHashMap<>();
    settings.sinks().forEach((name, spec) -> workers.put(name,
        new SinkWorker(spec.build(name), settings.queue(), spec.retries(), spec.backoff(), journal, registry)));
    return new Notifier(host, settings.routes(), workers);
  }

  @Override
  public void planned(Plan plan) {
    plans.put(plan.incident(), plan);
  }

  @Override
  public void decided(Decision decision) {
    decisions.computeIfAbsent(decision.incident(), k -> new ArrayList<>()).add(decision);
  }

  /** Sends the plans of the sweep that just ended; called on the engine's thread, returns at once. */
  public void flush() {
    for (Plan plan : plans.values()) {
      List<String> to = Route.sinksFor(routes, plan);
      if (to.isEmpty()) {
        continue;
      }
      Notice notice = new Notice(host, plan, decisions.getOrDefault(plan.incident(), List.of()));
      for (String sink : to) {
        SinkWorker w = workers.get(sink);
        if (w != null) {
          w.offer(notice);
        }
      }
    }
    plans.clear();
    decisions.clear();
  }

  public SinkWorker worker(String name) {
    return workers.get(name);
  }

  /** Gives the queued notices a short grace to go out, then stops every worker. */
  @Override
  public void close() {
    workers.values().forEach(w -> w.close(2_000));
  }
}
