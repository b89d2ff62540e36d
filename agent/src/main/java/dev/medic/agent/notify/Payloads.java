package dev.medic.agent.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The bodies a webhook posts. {@code medic}: the plan and its decisions as Medic's journal names them. {@code
 * alertmanager}: a one-alert array in the shape of Alertmanager's {@code POST /api/v2/alerts} (labels, annotations,
 * {@code startsAt}, {@code endsAt}, {@code generatorURL}), so a webhook pointed at an Alertmanager puts Medic's
 * incidents beside Prometheus' alerts, grouped and silenced the same way.
 */
public final class Payloads {

  static final ObjectMapper JSON = new ObjectMapper();

  /** How long an Alertmanager alert of an incident stays firing without being re-sent. */
  static final Duration ALERT_LIFETIME = Duration.ofHours(1);

  private Payloads() {}

  /** Medic's own JSON: {@code {"host","incident","runbook","severity","tags","scope",…,"decisions":[…]}}. */
  public static byte[] medic(Notice n) {
    Plan p = n.plan();
    ObjectNode o = JSON.createObjectNode();
    o.put("host", n.host());
    o.put("incident", p.incident());
    o.put("runbook", p.runbook());
    o.put("rule", p.rule());
    o.put("ts", p.timestamp());
    o.put("severity", n.severity());
    p.tags().forEach(o.putArray("tags")::add);
    o.put("scope", p.scope());
    o.put("pid", p.target().pid());
    o.put("comm", p.target().comm());
    o.put("summary", p.summary());
    o.put("advice", p.advice());
    p.reasons().forEach(o.putArray("reasons")::add);
    ArrayNode decisions = o.putArray("decisions");
    for (Decision d : n.decisions()) {
      ObjectNode line = decisions.addObject();
      line.put("action", d.action());
      line.put("verdict", d.verdict().word());
      line.put("gate", d.gate());
      line.put("reason", d.reason());
    }
    return bytes(o);
  }

  /** Alertmanager's {@code /api/v2/alerts} body: an array holding this incident's alert. */
  public static byte[] alertmanager(Notice n, String generatorBase) {
    Plan p = n.plan();
    ArrayNode alerts = JSON.createArrayNode();
    ObjectNode a = alerts.addObject();
    ObjectNode labels = a.putObject("labels");
    labels.put("alertname", "medic_" + p.runbook().replace('-', '_'));
    labels.put("runbook", p.runbook());
    labels.put("severity", n.severity());
    labels.put("instance", n.host());
    labels.put("scope", p.scope());
    labels.put("comm", p.target().comm());
    labels.put("pid", Integer.toString(p.target().pid()));
    if (!p.tags().isEmpty()) {
      labels.put("tags", String.join(",", p.tags()));
    }
    ObjectNode annotations = a.putObject("annotations");
    annotations.put("summary", p.summary());
    annotations.put("description", p.advice());
    annotations.put("incident", p.incident());
    annotations.put("decisions", String.join("\n", n.verdictLines()));
    Instant starts = Instant.ofEpochMilli(p.timestamp());
    a.put("startsAt", starts.toString());
    a.put("endsAt", starts.plus(ALERT_LIFETIME).toString());
    a.put("generatorURL", generatorBase + "/incidents/" + p.incident());
    return bytes(alerts);
  }

  private static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notification: " + e.getOriginalMessage(), e);
    }
  }
}
