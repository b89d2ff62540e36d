package dev.medic.agent.notify;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.exec.RecordingExecutor;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.journal.NotificationEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.engine.runtime.EngineListener;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real engine on synthetic sweeps, for notification tests: a critical runbook tagged memory and network that
 * plans once for every new process over 1 MiB (each sweep brings a new pid, so every sweep makes one incident).
 */
final class Incidents implements AutoCloseable {

  static final long T0 = 1_800_000_000_000L;
  static final String RUNBOOK = """
      id: big-process
      severity: critical
      tags: [memory, network]
      when: {fact: process, where: rss > 1MiB}
      target: matched_process
      steps: [capture_identity]
      remediate:
        - set_oom_score_adj: {value: 500}
      summary: "{{process.comm}} ({{process.pid}}) is big"
      """;

  final MemoryJournal journal;
  private final Engine engine;
  private final Notifier notifier;
  private int sweep;

  /**
   * @param journal the engine's journal, which the notifier's workers write to as well (as the agent's file)
   * @param notifier told of every plan; null for an engine that notifies nobody
   */
  Incidents(Path dir, MemoryJournal journal, Notifier notifier) throws Exception {
    this.journal = journal;
    this.notifier = notifier;
    CompiledRunbooks rb = CompiledRunbooks.load(List.of(Files.writeString(dir.resolve("big.yaml"), RUNBOOK)),
        ActionRegistry.builtin());
    this.engine = rb.engine(GateSettings.defaults(), 4242, new RecordingExecutor(), journal,
        notifier == null ? EngineListener.NONE : notifier);
  }

  /** One sweep, one new incident; what the agent's loop does after it (the notifier's flush) included. */
  List<Decision> next() {
    long ts = T0 + sweep * 1000L;
    int pid = 1000 + sweep++;
    List<Fact> facts = List.of(new ProcessSample(ts, pid, 1, "worker", "/usr/bin/worker --serve", 1000, "S",
        300L << 20, 0L, "/app", 700, 0, 200L << 20, 200L << 20, false));
    List<Decision> d = engine.accept(ts, facts);
    if (notifier != null && !d.isEmpty()) {
      notifier.flush();
    }
    return d;
  }

  /** The notification events journalled so far. */
  List<NotificationEvent> notifications() {
    return journal.events().stream().filter(NotificationEvent.class::isInstance).map(e -> (NotificationEvent) e)
        .toList();
  }

  /** Waits until {@code n} notification events are journalled (or 20 s pass). */
  List<NotificationEvent> awaitNotifications(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (notifications().size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    return notifications();
  }

  @Override
  public void close() {
    engine.close();
  }
}
