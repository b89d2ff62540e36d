package dev.medic.agent.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.medic.probes.facts.AlertFact;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Alertmanager webhook notification ({@code version: "4"}: {@code alerts[]} with {@code status},
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code fingerprint}) read into
 * {@code alert} facts, or refused whole with one line saying why: a body that is not that shape changes nothing.
 * Bounded: the body, the number of alerts and labels, and every text are capped, so a flood of labels cannot grow
 * the heap or the recording.
 */
public final class AlertmanagerPayload {

  /** The largest body read (bytes); Alertmanager's notifications of a few hundred alerts fit easily. */
  public static final int MAX_BODY = 1 << 20;
  static final int MAX_ALERTS = 1_000;
  static final int MAX_LABELS = 64;
  static final int MAX_TEXT = 1_024;
  static final int MAX_LABEL_TEXT = 4_096;

  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(MAX_BODY)
              .build()).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private AlertmanagerPayload() {}

  /** The body could not be used; the message is one line for the sender. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /** The alerts of a notification, stamped {@code timestamp} (the sweep that delivers them restamps them). */
  static List<AlertFact> parse(byte[] body, long timestamp) throws Invalid {
    if (body.length > MAX_BODY) {
      throw new Invalid("body larger than " + MAX_BODY + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Invalid("not JSON: " + oneLine(e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw new Invalid("not JSON: " + oneLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("expected an Alertmanager webhook notification (a JSON object with \"alerts\")");
    }
    JsonNode version = root.get("version");
    if (version != null && !(version.isTextual() && version.asText().equals("4"))) {
      throw new Invalid("version " + clip(version.toString()) + " is not supported; Alertmanager sends \"4\"");
    }
    JsonNode alerts = root.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw new Invalid("\"alerts\" must be an array");
    }
    if (alerts.size() > MAX_ALERTS) {
      throw new Invalid(alerts.size() + " alerts in one notification; at most " + MAX_ALERTS);
    }
    List<AlertFact> out = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      out.add(alert(alerts.get(i), "alerts[" + i + "]", timestamp));
    }
    return out;
  }

  private static AlertFact alert(JsonNode a, String where, long timestamp) throws Invalid {
    if (!a.isObject()) {
      throw new Invalid(where + " must be an object");
    }
    Map<String, String> labels = textMap(a.get("labels"), where + ".labels", true);
    Map<String, String> annotations = textMap(a.get("annotations"), where + ".annotations", false);
    String alertname = labels.get("alertname");
    if (alertname == null || alertname.isEmpty()) {
      throw new Invalid(where + ".labels has no alertname");
    }
    String status = text(a, "status", where, true);
    if (!status.equals("firing") && !status.equals("resolved")) {
      throw new Invalid(where + ".status must be firing or resolved, not '" + clip(status) + "'");
    }
    long startsAt = time(text(a, "startsAt", where, true), where + ".startsAt");
    String endsText = text(a, "endsAt", where, false);
    // Alertmanager writes 0001-01-01T00:00:00Z for "no end yet"
    Long endsAt = endsText == null || endsText.startsWith("0001-") ? null : time(endsText, where + ".endsAt");
    String fingerprint = text(a, "fingerprint", where, false);
    if (fingerprint == null || fingerprint.isEmpty()) {
      fingerprint = alertname + "{" + joined(labels) + "}";
    }
    TreeMap<String, String> rest = new TreeMap<>(labels);
    rest.remove("alertname");
    String joinedLabels = joined(rest);
    if (joinedLabels.length() > MAX_LABEL_TEXT) {
      throw new Invalid(where + ".labels: more than " + MAX_LABEL_TEXT + " characters together");
    }
    String summary = annotations.getOrDefault("summary", annotations.get("description"));
    return new AlertFact(timestamp, clipTo(fingerprint, MAX_TEXT), alertname, status, labels.get("severity"),
        labels.get("instance"), labels.get("job"), joinedLabels, summary, startsAt, endsAt);
  }

  private static Map<String, String> textMap(JsonNode n, String where, boolean required) throws Invalid {
    TreeMap<String, String> out = new TreeMap<>();
    if (n == null || n.isNull()) {
      if (required) {
        throw new Invalid(where + " is missing");
      }
      return out;
    }
    if (!n.isObject()) {
      throw new Invalid(where + " must be an object of texts");
    }
    if (n.size() > MAX_LABELS) {
      throw new Invalid(where + ": " + n.size() + " entries; at most " + MAX_LABELS);
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (!e.getValue().isTextual()) {
        throw new Invalid(where + "." + clip(e.getKey()) + " must be text");
      }
      if (e.getKey().length() > 128 || e.getValue().asText().length() > MAX_TEXT) {
        throw new Invalid(where + "." + clip(e.getKey()) + ": longer than " + MAX_TEXT + " characters");
      }
      out.put(e.getKey(), sanitize(e.getValue().asText()));
    }
    return out;
  }

  private static String text(JsonNode a, String field, String where, boolean required) throws Invalid {
    JsonNode v = a.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Invalid(where + "." + field + " is missing");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().length() > MAX_TEXT) {
      throw new Invalid(where + "." + field + " must be text of at most " + MAX_TEXT + " characters");
    }
    return v.asText();
  }

  private static long time(String text, String where) throws Invalid {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new Invalid(where + " '" + clip(text) + "' is not an RFC 3339 time");
    }
  }

  private static String joined(Map<String, String> labels) {
    StringBuilder b = new StringBuilder();
    labels.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }

  /** Control characters out: a label is matched in rules and printed on terminals. */
  private static String sanitize(String s) {
    return s.replaceAll("\\p{Cntrl}", " ");
  }

  private static String clip(String s) {
    return clipTo(sanitize(s), 60);
  }

  private static String clipTo(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    String line = s.replaceAll("\\s+", " ").trim();
    return line.length() > 160 ? line.substring(0, 160) : line;
  }
}
