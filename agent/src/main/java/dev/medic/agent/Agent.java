package dev.medic.agent;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.service.EvidenceRetention;
import dev.medic.agent.service.Recovery;
import dev.medic.agent.service.Reload;
import dev.medic.agent.service.StateLock;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.ReloadEvent;
import dev.medic.engine.state.PendingApprovals;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A running Medic: probes, engine, executor, journal and (optionally) a recorder wired together. {@code medic run}
 * and {@code medic record} are thin shells around it, and the end-to-end test drives it directly.
 */
public final class Agent implements AutoCloseable {

  private final MedicConfig config;
  private final FileJournal journal;
  private final LiveExecutor executor;
  private volatile Engine engine;
  private final StateLock lock;
  private final Journal observed;
  private final EvidenceRetention retention;
  private final int self;
  private volatile CompiledRunbooks runbooks;
  private volatile Reload.Source reloadSource;
  private final FactRecorder recorder;
  private final LiveRuntime runtime;
  private final MedicMetrics metrics = MedicMetrics.simple();
  private final KernelLogSource kernelLog;
  private boolean closed;

  /**
   * Starts at once. {@code runbooks} may be null to only record; the agent closes the recorder when it stops.
   *
   * @param console told each sweep's decisions, for a line per plan (null for none)
   */
  public Agent(MedicConfig config, CompiledRunbooks runbooks, Optional<FactRecorder> recordTo,
      Consumer<List<Decision>> console) throws IOException {
    this(config, runbooks, recordTo, console, null);
  }

  /**
   * Takes the state dir's lock ({@link StateLock.Held} if another agent has it), rebuilds cooldowns, rate limits
   * and pending approvals from the journal, and starts.
   *
   * @param observer told every journal event as it is written, for the console (null for none)
   */
  public Agent(MedicConfig config, CompiledRunbooks runbooks, Optional<FactRecorder> recordTo,
      Consumer<List<Decision>> console, Consumer<JournalEvent> observer) throws IOException {
    this.config = config;
    this.self = (int) ProcessHandle.current().pid();
    this.runbooks = runbooks;
    this.reloadSource = () -> config;
    this.lock = StateLock.acquire(config.stateDir());
    try {
      this.journal = FileJournal.open(config.stateDir().resolve("journal.jsonl"), config.service().journalMaxSize(),
          config.service().journalKeep());
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    this.observed = observer == null ? journal : (Journal) event -> {
      journal.write(event);
      observer.accept(event);
    };
    this.executor = new LiveExecutor(ActionRegistry.builtin(), new HostRoot(config.hostRoot()),
        config.stateDir().resolve("evidence"), config.actionTimeout(), observed, metrics);
    metrics.bind(journal, executor);
    StateDirWatch stateDir = new StateDirWatch(journal, metrics);
    this.engine = runbooks == null ? null : restored(runbooks, config);
    this.recorder = recordTo.orElse(null);
    observed.write(start(config, runbooks, self, recordTo));
    this.retention = new EvidenceRetention(evidenceRoot(), config.service().evidenceMaxAge(),
        config.service().evidenceMaxTotal(), observed, System::currentTimeMillis).start(Duration.ofHours(1));
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
    this.runtime = new LiveRuntime(probes, engine, config.interval(), observed, new LiveRuntime.Listener() {
      @Override
      public void sweep(long timestamp, List<Fact> facts) {
        stateDir.check();
        if (recorder != null) {
          recorder.write(facts);
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

  /** An engine for these runbooks, with what the journal says the last runs left (cooldowns, counts, approvals). */
  private Engine restored(CompiledRunbooks rb, MedicConfig settings) throws IOException {
    Engine e = rb.engine(settings.gates(), self, executor, observed, metrics);
    long now = System.currentTimeMillis();
    e.restore(Recovery.read(journal.file(), rb.runbooks(), now), now);
    return e;
  }

  /** Where {@link #reload} reads the config from (the file named at start, re-read); by default the start config. */
  public void reloadFrom(Reload.Source source) {
    this.reloadSource = source;
  }

  /**
   * Re-reads the config and runbooks and, if they validate, swaps in a new engine (restored from the journal, so
   * cooldowns and approvals carry over) between two sweeps; otherwise the old runbooks keep running. Either way
   * the outcome is journalled and returned. For SIGHUP and the HTTP API; safe from any thread.
   */
  public synchronized ReloadEvent reload() {
    if (closed) {
      return new ReloadEvent(System.currentTimeMillis(), false, ids(runbooks), "the agent has stopped");
    }
    Reload.Outcome outcome = Reload.attempt(reloadSource, config);
    CompiledRunbooks next = outcome.runbooks();
    ReloadEvent event;
    if (engine == null || next == null) {
      event = new ReloadEvent(System.currentTimeMillis(), false, ids(runbooks), outcome.message());
    } else {
      try {
        Engine replacement = restored(next, outcome.config());
        runtime.replace(replacement);
        engine = replacement;
        runbooks = next;
        event = new ReloadEvent(System.currentTimeMillis(), true, ids(next), outcome.message());
      } catch (IOException | RuntimeException e) {
        event = new ReloadEvent(System.currentTimeMillis(), false, ids(runbooks),
            "cannot restore from the journal: " + e.getMessage() + "; the old runbooks keep running");
      }
    }
    observed.write(event);
    return event;
  }

  /** The actions waiting for approval, of the engine running now (empty when only recording). */
  public PendingApprovals approvals() {
    Engine e = engine;
    return e == null ? new PendingApprovals() : e.approvals();
  }

  /** The runbooks running now (they change on a reload). */
  public CompiledRunbooks runbooks() {
    return runbooks;
  }

  /** Actions that ended failed or timed out, and evidence folders that could not be made, since the start. */
  public long actionFailures() {
    return executor.failures();
  }

  public long errors() {
    return runtime.errors();
  }

  private static List<String> ids(CompiledRunbooks rb) {
    return rb == null ? List.of() : rb.runbooks().stream().map(r -> r.id()).toList();
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
    runtime.close();
    retention.close();
    if (kernelLog != null) {
      kernelLog.close();
    }
    try {
      executor.drain(config.actionTimeout().toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    observed.write(new StopEvent(System.currentTimeMillis(), runtime.sweeps(), runtime.errors(), executor.failures(),
        metrics.snapshot()));
    journal.close();
    lock.close();
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
