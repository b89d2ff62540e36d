package dev.medic.agent.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.ProbeRegistry;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.AlertFact;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.kmsg.FactQueue;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /alerts} on a real Vert.x Web server on 127.0.0.1, mounted as the agent's API mounts it: an
 * Alertmanager notification becomes alert facts in the next sweep; anything invalid is refused with one line and
 * nothing is queued.
 */
class AlertsHandlerTest {

  static final String NOTIFICATION = """
      {"version":"4","groupKey":"{}:{alertname=\\"NodeMemoryHigh\\"}","truncatedAlerts":0,"status":"firing",
       "receiver":"medic","groupLabels":{"alertname":"NodeMemoryHigh"},"commonLabels":{},"commonAnnotations":{},
       "externalURL":"http://am:9093","alerts":[
        {"status":"firing","labels":{"alertname":"NodeMemoryHigh","instance":"db1:9100","job":"node",
          "severity":"critical"},"annotations":{"summary":"memory above 95%"},
         "startsAt":"2026-12-04T19:30:00.123Z","endsAt":"0001-01-01T00:00:00Z",
         "generatorURL":"http://prom:9090/graph","fingerprint":"c3a1f00dbeef0001"},
        {"status":"resolved","labels":{"alertname":"TargetDown","job":"api"},"annotations":{},
         "startsAt":"2026-12-04T18:00:00Z","endsAt":"2026-12-04T19:00:00Z","fingerprint":"c3a1f00dbeef0002"}]}
      """;

  private Vertx vertx;
  private HttpServer server;
  private FactQueue inbox;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    inbox = new FactQueue(100, new ProbeMetrics());
    Router router = Router.router(vertx);
    router.post("/alerts").handler(new AlertsHandler(inbox));
    // behind a BodyHandler too, as an API server with one for every route would have it
    router.post("/with-body-handler").handler(BodyHandler.create()).handler(new AlertsHandler(inbox));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/alerts", "/with-body-handler"})
  void aNotificationBecomesAlertFactsInTheNextSweep(String path) throws Exception {
    HttpResponse<String> r = post(path, NOTIFICATION);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"accepted\":2}\n", r.body());
    Map<String, Boolean> off = ProbeRegistry.names().stream().collect(Collectors.toMap(n -> n, n -> false));
    ProbeSweep sweep = new ProbeSweep(new HostRoot(Path.of("/")), new ProbeSettings(10, false, 1, 1, off))
        .withInbox(inbox);
    long now = 1_800_000_000_000L;
    List<Fact> facts = sweep.sweep(now);
    assertEquals(2, facts.size(), facts.toString());
    AlertFact firing = (AlertFact) facts.get(0);
    assertEquals(new AlertFact(now, "c3a1f00dbeef0001", "NodeMemoryHigh", "firing", "critical", "db1:9100", "node",
        "instance=db1:9100,job=node,severity=critical", "memory above 95%",
        Instant.parse("2026-12-04T19:30:00.123Z").toEpochMilli(), null), firing);
    AlertFact resolved = (AlertFact) facts.get(1);
    assertEquals("resolved", resolved.status());
    assertNull(resolved.severity());
    assertEquals(Instant.parse("2026-12-04T19:00:00Z").toEpochMilli(), resolved.endsAt());
    assertEquals(List.of(), sweep.sweep(now + 1000), "delivered once");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{not json",
      "[]",
      "{\"version\":\"3\",\"alerts\":[]}",
      "{\"version\":\"4\"}",
      "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"2026-12-04T19:30:00Z\"}]}",
      "{\"version\":\"4\",\"alerts\":[{\"status\":\"pending\",\"labels\":{\"alertname\":\"A\"},"
          + "\"startsAt\":\"2026-12-04T19:30:00Z\"}]}",
      "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},"
          + "\"startsAt\":\"yesterday\"}]}",
      "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":7},"
          + "\"startsAt\":\"2026-12-04T19:30:00Z\"}]}",
      "{\"version\":\"4\",\"alerts\":[]} trailing"})
  void badInputIsRefusedWithOneLineAndNothingQueued(String body) throws Exception {
    // a good alert first in the same body where possible: nothing of a refused notification is kept
    HttpResponse<String> r = post("/alerts", body);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().endsWith("\n") && r.body().indexOf('\n') == r.body().length() - 1, r.body());
    assertFalse(r.body().contains("Exception"), r.body());
    assertEquals(0, inbox.size());
  }

  @Test
  void aRefusedAlertAmongGoodOnesRefusesTheWholeNotification() throws Exception {
    String body = NOTIFICATION.replace("\"status\":\"resolved\"", "\"status\":\"gone\"");
    HttpResponse<String> r = post("/alerts", body);
    assertEquals(400, r.statusCode());
    assertEquals("alerts[1].status must be firing or resolved, not 'gone'\n", r.body());
    assertEquals(0, inbox.size());
  }

  @Test
  void aBodyOverTheCapIsRefusedWith413() throws Exception {
    String big = "{\"version\":\"4\",\"alerts\":[],\"pad\":\"" + "x".repeat(AlertmanagerPayload.MAX_BODY) + "\"}";
    HttpResponse<String> r = post("/alerts", big);
    assertEquals(413, r.statusCode());
    assertEquals(0, inbox.size());
  }

  @Test
  void tooManyLabelsAreRefused() throws Exception {
    StringBuilder labels = new StringBuilder("\"alertname\":\"A\"");
    for (int i = 0; i < 70; i++) {
      labels.append(",\"l").append(i).append("\":\"v\"");
    }
    HttpResponse<String> r = post("/alerts", "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{"
        + labels + "},\"startsAt\":\"2026-12-04T19:30:00Z\"}]}");
    assertEquals(400, r.statusCode());
    assertEquals("alerts[0].labels: 71 entries; at most 64\n", r.body());
  }
}
