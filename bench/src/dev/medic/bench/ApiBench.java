package dev.medic.bench;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.agent.api.ApiSettings;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.runtime.CompiledRunbooks;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API's performance goal (issue 10): {@code GET /status} answers in under 10 ms at the 99th percentile under
 * 200 requests a second while the agent sweeps, and the agent's decision latency (one sweep: probes read and facts
 * decided, the {@code medic.sweep.duration} timer) grows by less than 10% under that load.
 *
 * <p>A real agent with the shipped pack sweeps this host (every sweep reads the process table); a quiet phase, a
 * loaded phase and a second quiet phase follow each other, and the sweeps of the quiet phases are the baseline.
 * The load is open-loop: requests leave on a fixed schedule, and each latency counts from when it was due, so a
 * stall is not hidden by the client waiting. Usage: {@code ApiBench <runbooks> <work dir> [seconds] [rate]}.
 */
public final class ApiBench {

  private ApiBench() {}

  public static void main(String[] args) throws Exception {
    Path runbooks = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    ApiSettings api = new ApiSettings(true, "127.0.0.1", 0, Optional.empty(), Optional.empty(),
        Optional.of(work.resolve("api.token")), List.of(), Duration.ofHours(1), 100_000);
    Duration interval = Duration.ofMillis(500);
    MedicConfig config = new MedicConfig(Mode.ADVISE, false, interval, List.of(runbooks), work.resolve("state"),
        Path.of("/"), 10, Duration.ofSeconds(10), GateSettings.DEFAULT_PROTECTED, Set.of(), interval, Map.of()).withApi(api);
    try (Agent agent = new Agent(config, CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin()),
        Optional.empty(), null)) {
      String url = "http://127.0.0.1:" + agent.apiPort().orElseThrow() + "/status";
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newFixedThreadPool(4)).build();
      Timer sweeps = agent.metrics().registry().find("medic.sweep.duration").timer();
      load(http, url, rate, 5, Collections.synchronizedList(new ArrayList<>())); // warm the JIT and the connection pool
      Thread.sleep(2000);
      double[] quiet1 = phase(sweeps, () -> Thread.sleep(seconds * 1000L));
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicLong[] errors = {new AtomicLong()};
      double[] loaded = phase(sweeps, () -> errors[0].set(load(http, url, rate, seconds, latencies)));
      double[] quiet2 = phase(sweeps, () -> Thread.sleep(seconds * 1000L));
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      double quietMean = (quiet1[1] + quiet2[1]) / Math.max(1, quiet1[0] + quiet2[0]);
      double loadMean = loaded[1] / Math.max(1, loaded[0]);
      System.out.printf(Locale.ROOT, "requests = %d (%d/s for %d s), errors = %d%n", sorted.size(), rate, seconds,
          errors[0].get());
      System.out.printf(Locale.ROOT, "status_p50_ms = %.2f%nstatus_p99_ms = %.2f%nstatus_max_ms = %.2f%n",
          pct(sorted, 50), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
      System.out.printf(Locale.ROOT, "sweeps quiet = %.0f, under load = %.0f%n", quiet1[0] + quiet2[0], loaded[0]);
      System.out.printf(Locale.ROOT, "sweep_mean_quiet_ms = %.2f%nsweep_mean_load_ms = %.2f%n", quietMean, loadMean);
      System.out.printf(Locale.ROOT, "decision_latency_growth_pct = %.1f%n", (loadMean / quietMean - 1) * 100);
    }
  }

  private interface Phase {
    void run() throws Exception;
  }

  /** Sweeps done and their total milliseconds during one phase. */
  private static double[] phase(Timer sweeps, Phase body) throws Exception {
    long n0 = sweeps.count();
    double t0 = sweeps.totalTime(TimeUnit.MILLISECONDS);
    body.run();
    return new double[] {sweeps.count() - n0, sweeps.totalTime(TimeUnit.MILLISECONDS) - t0};
  }

  /** Sends {@code rate} requests a second for {@code seconds}, each latency from its due time; returns errors. */
  private static long load(HttpClient http, String url, int rate, int seconds, List<Long> latencies)
      throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    AtomicLong errors = new AtomicLong();
    ConcurrentLinkedQueue<java.util.concurrent.CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    long total = (long) rate * seconds;
    AtomicLong sent = new AtomicLong();
    clock.scheduleAtFixedRate(() -> {
      long i = sent.getAndIncrement();
      if (i >= total) {
        return;
      }
      long due = start + i * periodNanos;
      inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        if (e != null || r.statusCode() != 200) {
          errors.incrementAndGet();
        } else {
          latencies.add(System.nanoTime() - due);
        }
      }));
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    while (sent.get() < total) {
      Thread.sleep(50);
    }
    clock.shutdownNow();
    inFlight.forEach(f -> f.exceptionally(x -> null).join());
    return errors.get();
  }

  private static double pct(List<Long> sorted, int p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
  }
}
