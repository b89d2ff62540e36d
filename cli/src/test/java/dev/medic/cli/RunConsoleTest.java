package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.PlanEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator reads while the agent runs, in text and in JSON lines. */
class RunConsoleTest {

  static final PlanEvent PLAN = new PlanEvent(1767225680000L, "svc-20260101T000120.000Z-2301", "svc", "svc#0",
      "critical", List.of(), "cgroup /system.slice/app.service", 2301, "app", "app --serve",
      List.of("cgroup.usagePercent = 95.0% (usagePercent >= 90%) for 1m"), "app (pid 2301) holds 1.2 GiB", "",
      List.of("capture_identity", "restart_unit"));
  static final List<JournalEvent> EVENTS = List.of(PLAN,
      new DecisionEvent(PLAN.ts(), PLAN.incident(), "svc", 2301, "app", "capture_identity", "run", "all",
          "read-only capture"),
      new DecisionEvent(PLAN.ts(), PLAN.incident(), "svc", 2301, "app", "restart_unit", "run", "all",
          "every gate passed"),
      new DecisionEvent(PLAN.ts(), PLAN.incident(), "svc", 2301, "app", "signal_process", "denied",
          "protected-target", "sshd is protected"),
      new ActionEvent(PLAN.ts(), PLAN.ts() + 900, PLAN.incident(), "svc", 2301, "restart_unit", "failed",
          "Job for app.service failed", List.of("/var/lib/medic/evidence/x/restart.txt"), 850));

  @Test
  void textShowsScopeReasonsSummaryEvidenceGatesAndFailures() {
    StringWriter text = new StringWriter();
    RunConsole console = new RunConsole(new PrintWriter(text), RunConsole.Format.TEXT, Path.of("/var/lib/medic/evidence"));
    EVENTS.forEach(console::accept);
    console.status("stopped", 10, 0, 1, 0);
    String out = text.toString();
    assertTrue(out.contains("plan svc [critical] cgroup /system.slice/app.service: pid 2301 (app)"), out);
    assertTrue(out.contains("  because cgroup.usagePercent = 95.0% (usagePercent >= 90%) for 1m"), out);
    assertTrue(out.contains("  summary: app (pid 2301) holds 1.2 GiB"), out);
    assertTrue(out.contains("  evidence: /var/lib/medic/evidence/" + PLAN.incident()), out);
    assertTrue(out.contains("  signal_process       denied    by protected-target: sshd is protected"), out);
    assertTrue(out.contains("action restart_unit failed (FAILURE) in 850ms"), out);
    assertTrue(out.contains("stopped: 10 sweeps, 1 plans, 1 action failure(s)"), out);
  }

  @Test
  void jsonIsOneObjectPerLineWithTsLevelEventFields() throws Exception {
    StringWriter text = new StringWriter();
    RunConsole console = new RunConsole(new PrintWriter(text), RunConsole.Format.JSON, Path.of("/e"));
    EVENTS.forEach(console::accept);
    console.status("heartbeat", 3, 0, 1, 2);
    List<String> lines = text.toString().lines().toList();
    assertEquals(EVENTS.size() + 1, lines.size());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> nodes = lines.stream().map(l -> {
      try {
        return json.readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    for (JsonNode n : nodes) {
      assertEquals(List.of("ts", "level", "event", "fields"), iterable(n));
    }
    assertEquals("error", nodes.get(0).get("level").asText(), "a critical plan");
    assertEquals("plan", nodes.get(0).get("event").asText());
    assertEquals(PLAN.incident(), nodes.get(0).get("fields").get("incident").asText());
    assertEquals("error", nodes.get(4).get("level").asText(), "a failed action");
    assertEquals("heartbeat", nodes.get(5).get("event").asText());
    assertEquals(2, nodes.get(5).get("fields").get("pendingApprovals").asInt());
  }

  private static List<String> iterable(JsonNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
