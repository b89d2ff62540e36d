package dev.medic.agent.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the API may see of a running agent: its status, where its journal and evidence are, its approvals and its
 * metrics. The agent implements it; the API never reaches into the engine.
 */
public interface AgentView {

  /** The agent's status as JSON-ready values (cheap: no file is read). */
  Map<String, Object> status();

  Path journalFile();

  Path evidenceRoot();

  LiveApprovals approvals();

  /** The metrics in Prometheus' text format. */
  String scrape();

  /** The ids of the runbooks the agent runs. */
  List<String> runbooks();

  /** Where alerts posted to {@code POST /alerts} wait for the next sweep; null where the agent takes none. */
  default dev.medic.probes.kmsg.FactQueue alerts() {
    return null;
  }
}
