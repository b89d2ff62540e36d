package dev.medic.agent;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.reaction.OwnOomScore;
import dev.medic.agent.reaction.ReactionWatch;
import dev.medic.agent.reaction.TopProcessEvidence;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.StartEvent;
import dev.medic.engine.journal.StopEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.kmsg.KernelLogSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A running Medic: probes, engine, executor, journal and (optionally) a recorder wired together. {@code medic run}
 * and {@code medic record} are thin shells around it, and the end-to-end test drives it directly.
 */
public final class Agent implements AutoCloseable {

  private final MedicConfig config;
  private final FileJournal journal;
  private final LiveExecutor executor;
  private final Engine engine;
  private final FactRecorder recorder;
  private final LiveRuntime runtime;
  private final MedicMetrics metrics = MedicMetrics.simple();
  private final KernelLogSource kernelLog;
  private volatile ReactionWatch reaction;
  private boolean closed;

  /**
   * Starts at once. {@code runbooks} may be null to only record; the agent closes the recorder when it stops.
   *
   * @param console told each sweep's decisions, for a line per plan (null for none)
   */
  public Agent(MedicConfig config, CompiledRunbooks runbooks, Optional<FactRecorder> recordTo,
      Consumer<List<Decision>> console) throws IOException {
    this.config = config;
    int self = (int) ProcessHandle.current().pid();
    this.journal = FileJournal.open(config.stateDir().resolve("journal.jsonl"));
    this.executor = new LiveExecutor(ActionRegistry.builtin(), new HostRoot(config.hostRoot()),
        config.stateDir().resolve("evidence"), config.actionTimeout(), journal, metrics);
    this.engine = runbooks == null ? null : runbooks.engine(config.gates(), self, executor, journal, metrics);
    this.recorder = recordTo.orElse(null);
    journal.write(start(config, runbooks, self, recordTo));
    lowerOwnOomScore();
    HostRoot root = new HostRoot(config.hostRoot());
    ProbeSweep probes = new ProbeSweep(root, new ProbeSettings(config.topProcesses(), false,
        config.processEvery(), 1, config.probes()));
    metrics.bind(probes.metrics());
    // OOM kills and kernel events from now on (not the history since boot: those incidents are over)
    // (no reader thread at all when the kmsg probe is off)
    this.kernelLog = probes.enabled("kmsg") ? KernelLogSource.start(root, false, probes.metrics()) : null;
    if (kernelLog != null) {
      probes.withKernelLog(kernelLog);
    }
    // before the runtime: its first sweep, at once, arms the notifiers
    if (engine != null && probes.memoryHierarchy().isPresent()) {
      this.reaction = new ReactionWatch(probes.memoryHierarchy().get(), probes.cgroupVersion(),
          ReactionWatch.DEFAULT_PERCENT, new TopProcessEvidence(root), evidenceRoot(), journal, this::sweepNow);
    }
    this.runtime = new LiveRuntime(probes, engine, config.interval(), journal, new LiveRuntime.Listener() {
      @Override
      public void sweep(long timestamp, List<Fact> facts) {
        if (recorder != null) {
          recorder.write(facts);
        }
        if (reaction != null) {
          reaction.observe(facts);
        }
      }

      @Override
      public void decisions(List<Decision> decisions) {
        if (console != null) {
          console.accept(decisions);
        }
      }
    }, System::currentTimeMillis, metrics);
  }

  /** When the launcher asks ({@code -Dmedic.oomScoreAdj}); always this process's own /proc, whatever hostRoot. */
  private void lowerOwnOomScore() {
    try {
      OptionalInt adj = OwnOomScore.configured();
      if (adj.isPresent()) {
        OwnOomScore.apply(HostRoot.live(), adj.getAsInt());
      }
    } catch (IOException | IllegalArgumentException e) {
      journal.write(ErrorEvent.of(System.currentTimeMillis(), "cannot lower Medic's oom_score_adj: " + e.getMessage()));
    }
  }

  private CompletableFuture<List<Decision>> sweepNow() {
    LiveRuntime live = runtime;
    return live == null ? CompletableFuture.completedFuture(List.of()) : live.sweepNow();
  }

  public Path journalFile() {
    return journal.file();
  }

  public Path evidenceRoot() {
    return config.stateDir().resolve("evidence");
  }

  public MedicMetrics metrics() {
    return metrics;
  }

  public long sweeps() {
    return runtime.sweeps();
  }

  /** Stops sweeping, lets running actions finish (up to their timeout), and journals the stop. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (reaction != null) {
      reaction.close();
    }
    runtime.close();
    if (kernelLog != null) {
      kernelLog.close();
    }
    try {
      executor.drain(config.actionTimeout().toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.write(new StopEvent(System.currentTimeMillis(), runtime.sweeps(), runtime.errors(), executor.failures(),
        metrics.snapshot()));
    journal.close();
    if (recorder != null) {
      recorder.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private static StartEvent start(MedicConfig c, CompiledRunbooks rb, int self, Optional<FactRecorder> rec) {
    return StartEvent.now(System.currentTimeMillis(), self, c.mode().word(), c.approved(), c.interval().toMillis(),
        c.interval().toMillis() * c.processEvery(),
        rb == null ? List.of() : rb.runbooks().stream().map(r -> r.id()).toList(),
        rec.map(r -> r.file().toString()).orElse(null));
  }
}
