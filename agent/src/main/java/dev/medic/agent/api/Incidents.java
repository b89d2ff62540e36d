package dev.medic.agent.api;

import dev.medic.engine.approval.Approval;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.journal.PlanEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Incidents as the journal tells them: each plan with its decisions, action outcomes and approvals, and the files
 * in its evidence folder. Blocking (it reads the journal and lists folders): callers run it on a worker thread.
 * An incident is open while an approval of it is pending or its plan is less than {@link #OPEN_MS} old.
 */
final class Incidents {

  static final long OPEN_MS = 3_600_000;
  static final int MAX_LISTED = 200;

  private final Path journal;
  private final Path evidenceRoot;

  Incidents(Path journal, Path evidenceRoot) {
    this.journal = journal;
    this.evidenceRoot = evidenceRoot;
  }

  /** The journal's events, whole lines only (damage is skipped, as every reader does). */
  List<JournalEvent> events() throws IOException {
    return Files.exists(journal) ? JournalReader.readAll(journal).events() : List.of();
  }

  /** The most recent incidents first, at most {@link #MAX_LISTED}, without their evidence lists. */
  List<Map<String, Object>> list(List<Approval> approvals, long now) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    List<PlanEvent> plans = events().stream().filter(e -> e instanceof PlanEvent).map(e -> (PlanEvent) e).toList();
    for (int i = plans.size() - 1; i >= 0 && out.size() < MAX_LISTED; i--) {
      PlanEvent p = plans.get(i);
      Map<String, Object> m = summary(p, approvals, now);
      out.add(m);
    }
    return out;
  }

  /** One incident in full, if the journal has it. */
  Optional<Map<String, Object>> find(String id, List<Approval> approvals, long now) throws IOException {
    List<JournalEvent> all = events();
    PlanEvent plan = null;
    List<Map<String, Object>> decisions = new ArrayList<>();
    List<Map<String, Object>> actions = new ArrayList<>();
    for (JournalEvent e : all) {
      if (e instanceof PlanEvent p && p.incident().equals(id)) {
        plan = p;
      } else if (e instanceof DecisionEvent d && d.incident().equals(id)) {
        decisions.add(JournalCodec.toMap(d));
      } else if (e instanceof ActionEvent a && a.incident().equals(id)) {
        actions.add(JournalCodec.toMap(a));
      }
    }
    if (plan == null) {
      return Optional.empty();
    }
    Map<String, Object> m = summary(plan, approvals, now);
    m.put("plan", JournalCodec.toMap(plan));
    m.put("decisions", decisions);
    m.put("actions", actions);
    m.put("approvals", approvals.stream().filter(a -> a.incident().equals(id)).map(Incidents::approval).toList());
    m.put("evidence", evidence(id));
    return Optional.of(m);
  }

  private static Map<String, Object> summary(PlanEvent p, List<Approval> approvals, long now) {
    boolean pending = approvals.stream().anyMatch(a -> a.incident().equals(p.incident())
        && a.state() == Approval.State.PENDING);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("incident", p.incident());
    m.put("ts", p.ts());
    m.put("runbook", p.runbook());
    m.put("severity", p.severity());
    m.put("scope", p.scope());
    m.put("pid", p.pid());
    m.put("comm", p.comm());
    m.put("summary", p.summary());
    m.put("open", pending || p.ts() > now - OPEN_MS);
    m.put("pendingApprovals", pending);
    return m;
  }

  /** The evidence folder's files, relative names, sorted; empty when there is none. */
  List<String> evidence(String id) throws IOException {
    Path dir = evidenceRoot.resolve(id).normalize();
    if (!dir.startsWith(evidenceRoot.normalize()) || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir, 4)) {
      return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString())
          .sorted(Comparator.naturalOrder()).toList();
    }
  }

  /** An approval as the API shows it. */
  static Map<String, Object> approval(Approval a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("state", a.state().word());
    m.put("incident", a.incident());
    m.put("runbook", a.runbook());
    m.put("scope", a.scope());
    m.put("pid", a.pid());
    m.put("comm", a.comm());
    m.put("action", a.action());
    m.put("params", a.params());
    m.put("requestedAt", a.requestedAt());
    m.put("expiresAt", a.expiresAt());
    if (!a.by().isEmpty()) {
      m.put("by", a.by());
    }
    if (!a.reason().isEmpty()) {
      m.put("reason", a.reason());
    }
    if (a.decidedAt() != 0) {
      m.put("decidedAt", a.decidedAt());
    }
    return m;
  }
}
