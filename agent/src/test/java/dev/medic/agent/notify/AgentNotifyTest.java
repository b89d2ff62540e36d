package dev.medic.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.journal.NotificationEvent;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.probes.facts.AlertFact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live agent on this host's real /proc: an alert pushed into its inbox (what POST /alerts does) starts a
 * runbook in the next sweep, and the plan goes to a real webhook receiver on 127.0.0.1, journalled as delivered.
 */
class AgentNotifyTest {

  @Test
  void anAlertStartsARunbookWhosePlanReachesTheWebhook(@TempDir Path tmp) throws Exception {
    try (TestReceiver hook = new TestReceiver()) {
      Path runbooks = Files.createDirectories(tmp.resolve("runbooks"));
      Files.writeString(runbooks.resolve("alert.yaml"), """
          id: alert-memory
          severity: critical
          tags: [memory]
          when: {fact: alert, where: [status == firing, alertname == NodeMemoryHigh]}
          target: top_process_by_pss
          steps: [capture_identity]
          summary: "{{fact.alertname}} fired: {{process.comm}} is the biggest"
          """);
      Path file = Files.writeString(tmp.resolve("medic.yaml"), """
          runbooks: [runbooks]
          stateDir: state
          interval: 200ms
          processInterval: 10s
          notify:
            routes:
              - match: {severity: critical}
                to: [oncall]
            sinks:
              oncall: {webhook: "%s", retries: 1, backoff: 100ms}
          """.formatted(hook.url()));
      MedicConfig config = MedicConfig.load(file);
      CompiledRunbooks rb = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
      Path journal;
      try (Agent agent = new Agent(config, rb, Optional.empty(), null)) {
        journal = agent.journalFile();
        while (agent.sweeps() < 2) {
          Thread.sleep(50);
        }
        // pushed between sweeps, as POST /alerts does: the sweep that delivers it reads the process table too
        long now = System.currentTimeMillis();
        agent.alerts().add(new AlertFact(now, "fp1", "NodeMemoryHigh", "firing", "critical", "db1:9100", "node",
            "instance=db1:9100,job=node,severity=critical", "memory above 95%", now - 60_000, null));
        for (int i = 0; i < 200 && hook.bodies.isEmpty(); i++) {
          Thread.sleep(50);
        }
      }
      assertEquals(1, hook.bodies.size(), "one plan, one notice");
      JsonNode body = new ObjectMapper().readTree(hook.bodies.get(0));
      assertEquals("alert-memory", body.get("runbook").asText());
      assertTrue(body.get("summary").asText().startsWith("NodeMemoryHigh fired: "), body.toString());
      List<JournalEvent> events = JournalReader.readAll(journal).events();
      PlanEvent plan = events.stream().filter(PlanEvent.class::isInstance).map(e -> (PlanEvent) e).findFirst()
          .orElseThrow();
      NotificationEvent sent = events.stream().filter(NotificationEvent.class::isInstance)
          .map(e -> (NotificationEvent) e).findFirst().orElseThrow();
      assertEquals(plan.incident(), sent.incident());
      assertEquals("delivered", sent.outcome(), events.toString());
      assertEquals("oncall", sent.sink());
    }
  }
}
