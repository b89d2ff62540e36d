package dev.medic.agent;

import dev.medic.agent.api.AgentView;
import dev.medic.agent.api.LiveApprovals;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the API sees of a running {@link Agent}: its counters, files, approvals and metrics, read live. */
final class LiveView implements AgentView {

  private final MedicConfig config;
  private final FileJournal journal;
  private final LiveRuntime runtime;
  private final LiveExecutor executor;
  private final LiveApprovals approvals;
  private final MedicMetrics metrics;
  private final List<String> runbooks;
  private final Path evidenceRoot;
  private final long startedAt = System.currentTimeMillis();
  private final dev.medic.probes.kmsg.FactQueue alerts;

  @Override
  public dev.medic.probes.kmsg.FactQueue alerts() {
    return alerts;
  }

  LiveView(MedicConfig config, FileJournal journal, LiveRuntime runtime, LiveExecutor executor,
      LiveApprovals approvals, MedicMetrics metrics, List<String> runbooks, Path evidenceRoot,
      dev.medic.probes.kmsg.FactQueue alerts) {
    this.alerts = alerts;
    this.config = config;
    this.journal = journal;
    this.runtime = runtime;
    this.executor = executor;
    this.approvals = approvals;
    this.metrics = metrics;
    this.runbooks = List.copyOf(runbooks);
    this.evidenceRoot = evidenceRoot;
  }

  @Override
  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", ProcessHandle.current().pid());
    m.put("startedAt", startedAt);
    m.put("uptimeMs", System.currentTimeMillis() - startedAt);
    m.put("mode", config.mode().word());
    m.put("approved", config.approved());
    m.put("sweeps", runtime.sweeps());
    m.put("errors", runtime.errors());
    m.put("actionFailures", executor.failures());
    m.put("runbooks", runbooks);
    m.put("journal", journal.file().toString());
    return m;
  }

  @Override
  public Path journalFile() {
    return journal.file();
  }

  @Override
  public Path evidenceRoot() {
    return evidenceRoot;
  }

  @Override
  public LiveApprovals approvals() {
    return approvals;
  }

  @Override
  public String scrape() {
    return metrics.scrape();
  }

  @Override
  public List<String> runbooks() {
    return runbooks;
  }
}
