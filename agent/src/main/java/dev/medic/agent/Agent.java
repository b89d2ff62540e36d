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
import dev.medic.agent.api.ApiServer;
import dev.medic.agent.api.ApiToken;
import dev.medic.agent.api.LiveApprovals;
import dev.medic.engine.approval.ApprovalBook;
import dev.medic.engine.journal.JournalFiles;
import dev.medic.agent.notify.HostName;
import dev.medic.agent.notify.Notifier;
import dev.medic.agent.reaction.OwnOomScore;
import dev.medic.agent.reaction.ReactionWatch;
import dev.medic.agent.reaction.TopProcessEvidence;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.StartEvent;
import dev.medic.engine.journal.StopEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.fleet.FleetMember;
import dev.medic.engine.runtime.EngineListener;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.kmsg.FactQueue;
import dev.medic.probes.kmsg.KernelLogSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
  private volatile Engine engine;
  private final StateLock lock;
  private final Journal observed;
  private final EvidenceRetention retention;
  private final int self;
  private volatile CompiledRunbooks runbooks;
  private volatile Reload.Source reloadSource;
  private final FactRecorder recorder;
  private final LiveRuntime runtime;
  private final MedicMetrics metrics = MedicMetrics.prometheus();
  private final KernelLogSource kernelLog;
  private final ProbeSweep probes;
  private final CheckWiring checks;
  private final FleetMember fleet;
  private final LiveApprovals approvals;
  private final ApiServer api;
  private final List<String> runbookIds;
  private final Notifier notifier;
  private final FactQueue alerts;
  private volatile ReactionWatch reaction;
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
    // a token file others can read stops the agent before it does anything
    ApiToken token = config.api().enabled() ? ApiToken.loadOrCreate(config.api().tokenFile(config.stateDir()))
        : null;
    this.lock = StateLock.acquire(config.stateDir());
    try {
      this.journal = FileJournal.open(config.stateDir().resolve("journal.jsonl"), config.service().journalMaxSize(),
          config.service().journalKeep());
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    metrics.bind(journal);
    this.fleet = FleetMember.join(config.fleet(), config.mode().word(), journal, config.actionTimeout());
    Journal events = fleet.journal(journal); // alone: the file journal itself
    this.observed = observer == null ? events : (Journal) event -> {
      events.write(event);
      observer.accept(event);
    };
    this.executor = new LiveExecutor(ActionRegistry.builtin(), new HostRoot(config.hostRoot()),
        config.stateDir().resolve("evidence"), config.actionTimeout(), observed, metrics);
    executor.hooks(fleet.hooks());
    this.approvals = token == null ? null : new LiveApprovals(new ApprovalBook(config.api().approvalTtl(), observed,
        history(journal)), executor, config::gates, self, System::currentTimeMillis);
    this.notifier = config.onCall().notifications().isEmpty() ? null
        : Notifier.start(config.onCall().notifications(), HostName.get(), observed, metrics.registry());
    metrics.bind(journal, executor);
    StateDirWatch stateDir = new StateDirWatch(journal, metrics);
    this.engine = runbooks == null ? null : restored(runbooks, config);
    this.runbookIds = ids(runbooks);
    this.recorder = recordTo.orElse(null);
    observed.write(start(config, runbooks, self, recordTo));
    this.retention = new EvidenceRetention(evidenceRoot(), config.service().evidenceMaxAge(),
        config.service().evidenceMaxTotal(), observed, System::currentTimeMillis).start(Duration.ofHours(1));
    lowerOwnOomScore();
    HostRoot root = new HostRoot(config.hostRoot());
    this.probes = new ProbeSweep(root, new ProbeSettings(config.topProcesses(), false,
        config.processEvery(), 1, config.probes()));
    this.alerts = new FactQueue(10_000, probes.metrics()); // POST /alerts (AlertsHandler) → the next sweep
    probes.withInbox(alerts);
    metrics.bind(probes.metrics());
    // OOM kills and kernel events from now on (not the history since boot: those incidents are over)
    // (no reader thread at all when the kmsg probe is off)
    this.kernelLog = probes.enabled("kmsg") ? KernelLogSource.start(root, false, probes.metrics()) : null;
    if (kernelLog != null) {
      probes.withKernelLog(kernelLog);
    }
    this.checks = CheckWiring.start(config.checks(), root, probes, metrics);
    // before the runtime: its first sweep, at once, arms the notifiers
    if (engine != null && probes.memoryHierarchy().isPresent()) {
      this.reaction = new ReactionWatch(probes.memoryHierarchy().get(), probes.cgroupVersion(),
          ReactionWatch.DEFAULT_PERCENT, new TopProcessEvidence(root), evidenceRoot(), observed, this::sweepNow);
    }
    this.runtime = new LiveRuntime(probes, engine, config.interval(), observed, new LiveRuntime.Listener() {
      @Override
      public void sweep(long timestamp, List<Fact> facts) {
        metrics.facts(facts);
        if (approvals != null) {
          approvals.expire(timestamp);
        }
        stateDir.check();
        if (recorder != null) {
          recorder.write(facts);
        }
        fleet.swept();
        if (reaction != null) {
          reaction.observe(facts);
        }
      }

      @Override
      public void decisions(List<Decision> decisions) {
        if (notifier != null) {
          notifier.flush(); // hands over and returns: sinks have their own threads
        }
        if (console != null) {
          console.accept(decisions);
        }
      }
    }, System::currentTimeMillis, metrics);
    this.api = token == null ? null : startApi(token);
  }

  private ApiServer startApi(ApiToken token) throws IOException {
    try {
      return ApiServer.start(config.api(), token, new LiveView(config, journal, runtime, executor, approvals,
          metrics, runbookIds, evidenceRoot(), alerts));
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** The API's port (the one chosen when configured as 0); empty without an API. */
  public Optional<Integer> apiPort() {
    return Optional.ofNullable(api).map(ApiServer::port);
  }

  /** An engine for these runbooks, with what the journal says the last runs left (cooldowns, counts, approvals). */
  private Engine restored(CompiledRunbooks rb, MedicConfig settings) throws IOException {
    Engine e = rb.engine(settings.gates(), fleet.gates(settings.gates().pipeline(self)), executor, observed,
        listeners());
    long now = System.currentTimeMillis();
    e.restore(Recovery.read(journal.file(), rb.runbooks(), now), now);
    return e;
  }

  /** Who hears of each plan and decision: metrics, then the approvals and the notifications when configured. */
  private EngineListener listeners() {
    List<EngineListener> all = new java.util.ArrayList<>(List.of(metrics));
    if (approvals != null) {
      all.add(approvals);
    }
    if (notifier != null) {
      all.add(notifier);
    }
    return EngineListener.all(all.toArray(EngineListener[]::new));
  }

  /** The journal so far, rotated files first, for the approvals the last runs left pending. */
  private static List<JournalEvent> history(FileJournal journal) throws IOException {
    List<JournalEvent> events = new java.util.ArrayList<>();
    JournalFiles.read(journal.file(), events::add);
    return events;
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

  /** Where alerts posted to the agent wait for the next sweep: give it to an {@code AlertsHandler}. */
  public FactQueue alerts() {
    return alerts;
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
    if (api != null) {
      api.close();
    }
    if (reaction != null) {
      reaction.close();
    }
    runtime.close();
    retention.close();
    if (kernelLog != null) {
      kernelLog.close();
    }
    if (checks != null) {
      checks.close();
    }
    probes.close();
    try {
      executor.drain(config.actionTimeout().toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (notifier != null) {
      notifier.close(); // before the stop line: what could not go out is journalled as dropped
    }
    fleet.close();
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
