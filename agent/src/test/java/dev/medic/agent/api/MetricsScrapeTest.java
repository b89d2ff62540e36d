package dev.medic.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medic.engine.journal.ActionEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real agent that swept, decided, waited for an approval and carried it out: every line is
 * valid Prometheus text, and the series operators alert on are there with conventional names and base units.
 */
class MetricsScrapeTest {

  /** One sample line: name, labels, value. */
  record Sample(String name, String labels, double value) {}

  static final Pattern LINE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)( \\d+)?");

  static List<Sample> parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        assertTrue(line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ") || line.equals("# EOF"),
            line);
        continue;
      }
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), "not a Prometheus sample: " + line);
      out.add(new Sample(m.group(1), m.group(2) == null ? "" : m.group(2), Double.parseDouble(m.group(3))));
    }
    return out;
  }

  static double value(List<Sample> samples, String name, String... labels) {
    return samples.stream().filter(s -> s.name().equals(name))
        .filter(s -> List.of(labels).stream().allMatch(l -> s.labels().contains(l)))
        .mapToDouble(Sample::value).sum();
  }

  static boolean has(List<Sample> samples, String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  @Test
  void theScrapeParsesAndNamesWhatTheAgentDid(@TempDir Path tmp) throws Exception {
    try (ApprovalAgent a = new ApprovalAgent(tmp, 1).start(Duration.ofMinutes(10), 1000)) {
      JsonNode pending = ApiServerTest.awaitPending(a, 1).get(0);
      HttpResponse<String> ok = a.post("/approvals/" + pending.path("id").asText() + "/approve",
          "Bearer " + a.token, "{\"approver\":\"alice\"}");
      assertEquals(200, ok.statusCode(), ok.body());
      ApiServerTest.awaitEvent(a, ActionEvent.class, e -> e.action().equals("set_oom_score_adj"));
      HttpResponse<String> r = a.get("/metrics");
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      List<Sample> s = parse(r.body());

      assertTrue(value(s, "medic_sweeps_total") >= 1, r.body());
      assertTrue(value(s, "medic_sweep_duration_seconds_count") >= 1);
      assertTrue(has(s, "medic_sweep_duration_seconds_sum"));
      assertTrue(value(s, "medic_facts_total", "type=\"process\"") >= 1);
      assertTrue(value(s, "medic_plans_total", "runbook=\"approve-me\"") >= 1);
      assertTrue(value(s, "medic_decisions_total", "runbook=\"approve-me\"", "verdict=\"proposed\"",
          "gate=\"approval\"") >= 1);
      assertTrue(value(s, "medic_decisions_total", "verdict=\"run\"", "gate=\"all\"") >= 1);
      assertEquals(1, value(s, "medic_actions_total", "action=\"set_oom_score_adj\"", "status=\"ok\""));
      assertEquals(1, value(s, "medic_action_duration_seconds_count", "action=\"set_oom_score_adj\""));
      assertTrue(has(s, "medic_probe_failed_reads_total"));
      assertTrue(value(s, "medic_journal_lines_total") >= 5);
      assertTrue(value(s, "medic_journal_written_bytes_total") > 500);
      assertTrue(value(s, "jvm_memory_used_bytes", "area=\"heap\"") > 0);
      for (Sample x : s) {
        assertTrue(!x.name().startsWith("medic_") || !x.name().contains("milli"), "base units only: " + x);
      }
    }
  }
}
