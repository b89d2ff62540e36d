package dev.medic.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.ApprovalConsumedEvent;
import dev.medic.engine.journal.ApprovalDeniedEvent;
import dev.medic.engine.journal.ApprovalExpiredEvent;
import dev.medic.engine.journal.ApprovalGrantedEvent;
import dev.medic.engine.journal.ApprovalRequestedEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API of a real agent over real HTTP on 127.0.0.1: a pending approval of a real child process, every way an
 * approve can be refused without changing anything, the approval carried out by the live executor (the child's
 * oom_score_adj changes), a replayed approval, deny, expiry, and the read endpoints.
 */
class ApiServerTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** Polls the pending approvals until {@code n} are there. */
  static JsonNode awaitPending(ApprovalAgent a, int n) throws Exception {
    for (int i = 0; i < 150; i++) {
      JsonNode list = json(a.get("/approvals")).path("approvals");
      if (list.size() >= n) {
        return list;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + n + " pending approval(s) after 15 s: " + a.get("/approvals").body());
  }

  static List<JournalEvent> journal(ApprovalAgent a) throws Exception {
    return JournalReader.readAll(a.agent.journalFile()).events();
  }

  static <T> T awaitEvent(ApprovalAgent a, Class<T> type, Predicate<T> which) throws Exception {
    for (int i = 0; i < 150; i++) {
      for (JournalEvent e : journal(a)) {
        if (type.isInstance(e) && which.test(type.cast(e))) {
          return type.cast(e);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the journal after 15 s");
  }

  static String oomScoreAdj(long pid) throws Exception {
    return Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).trim();
  }

  @Test
  void anApprovalClickedThroughTheApiIsCarriedOutOnceAndBadRequestsChangeNothing(@TempDir Path tmp)
      throws Exception {
    try (ApprovalAgent a = new ApprovalAgent(tmp, 1).start(Duration.ofMinutes(10), 1000)) {
      assertEquals("-rw-------", "-" + java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(a.tokenFile)), "the token file is created 0600");
      JsonNode pending = awaitPending(a, 1).get(0);
      String id = pending.path("id").asText();
      assertEquals("set_oom_score_adj", pending.path("action").asText());
      assertEquals(a.pid(0), pending.path("pid").asLong());
      String before = oomScoreAdj(a.pid(0));
      String incident = pending.path("incident").asText();
      String ok = "{\"approver\":\"alice\",\"reason\":\"test\"}";

      assertEquals(401, a.post("/approvals/" + id + "/approve", null, ok).statusCode());
      assertEquals(403, a.post("/approvals/" + id + "/approve", "Bearer " + "0".repeat(64), ok).statusCode());
      String auth = "Bearer " + a.token;
      HttpResponse<String> big = a.post("/approvals/" + id + "/approve", auth,
          "{\"approver\":\"alice\",\"reason\":\"" + "x".repeat(ApiServer.MAX_BODY) + "\"}");
      assertEquals(413, big.statusCode(), big.body());
      assertEquals(400, a.post("/approvals/" + id + "/approve", auth, "{not json").statusCode());
      assertEquals(400, a.post("/approvals/" + id + "/approve", auth, "{\"reason\":\"no name\"}").statusCode());
      assertEquals(400, a.post("/approvals/" + id + "/approve", auth, "{\"approver\":\"a\",\"x\":1}").statusCode());
      assertEquals(400, a.post("/approvals/" + id + "/deny", auth, "{\"approver\":\"bob\"}").statusCode(),
          "deny needs a reason");
      HttpResponse<String> unknown = a.post("/approvals/a-000000000000/approve", auth, ok);
      assertEquals(404, unknown.statusCode());
      assertTrue(json(unknown).path("error").asText().contains("a-000000000000"), unknown.body());
      assertEquals(1, json(a.get("/approvals")).path("approvals").size(), "nothing changed");
      assertEquals(before, oomScoreAdj(a.pid(0)));
      assertTrue(journal(a).stream().noneMatch(e -> e instanceof ApprovalGrantedEvent));

      HttpResponse<String> approved = a.post("/approvals/" + id + "/approve", auth, ok);
      assertEquals(200, approved.statusCode(), approved.body());
      assertEquals("run", json(approved).path("result").asText());
      ActionEvent done = awaitEvent(a, ActionEvent.class, e -> e.action().equals("set_oom_score_adj"));
      assertEquals("ok", done.status(), done.toString());
      assertEquals(incident, done.incident());
      assertEquals("700", oomScoreAdj(a.pid(0)));
      ApprovalConsumedEvent used = awaitEvent(a, ApprovalConsumedEvent.class, e -> e.id().equals(id));
      assertEquals("run", used.verdict());

      HttpResponse<String> replay = a.post("/approvals/" + id + "/approve", auth, ok);
      assertEquals(409, replay.statusCode(), replay.body());
      assertTrue(json(replay).path("error").asText().contains("consumed"), replay.body());
      assertEquals(409, a.post("/approvals/" + id + "/deny", auth, "{\"approver\":\"bob\",\"reason\":\"late\"}")
          .statusCode());
      assertEquals(1, journal(a).stream().filter(e -> e instanceof ActionEvent x
          && x.action().equals("set_oom_score_adj")).count(), "carried out once");
      assertEquals(0, json(a.get("/approvals")).path("approvals").size());

      JsonNode detail = json(a.get("/incidents/" + incident));
      assertEquals("approve-me", detail.path("runbook").asText());
      assertTrue(detail.path("decisions").toString().contains("\"gate\":\"approval\""), detail.toString());
      assertTrue(detail.path("actions").toString().contains("set_oom_score_adj"), detail.toString());
      assertTrue(detail.path("evidence").toString().contains("identity.txt"), detail.toString());
      assertEquals("consumed", detail.path("approvals").get(0).path("state").asText());
      assertEquals(404, a.get("/incidents/no-such-incident").statusCode());
      assertTrue(json(a.get("/incidents")).path("incidents").toString().contains(incident));
    }
  }

  @Test
  void readEndpointsAnswerAndValidateTheirInput(@TempDir Path tmp) throws Exception {
    try (ApprovalAgent a = new ApprovalAgent(tmp, 1).start(Duration.ofMinutes(10), 1000)) {
      awaitPending(a, 1);
      assertEquals("ok", json(a.get("/health")).path("status").asText());
      JsonNode status = json(a.get("/status"));
      assertEquals("enforce", status.path("mode").asText());
      assertEquals(1, status.path("pendingApprovals").asInt());
      assertEquals(List.of("approve-me"), JSON.convertValue(status.path("runbooks"), List.class));
      JsonNode tail = json(a.get("/journal?tail=3")).path("events");
      assertEquals(3, tail.size());
      assertEquals("start", json(a.get("/journal?tail=1000")).path("events").get(0).path("event").asText());
      assertEquals(400, a.get("/journal?tail=0").statusCode());
      assertEquals(400, a.get("/journal?tail=lots").statusCode());
      assertEquals(400, a.get("/journal?tail=1001").statusCode());
      assertEquals(404, a.get("/nothing-here").statusCode());
      HttpResponse<String> page = a.get("/");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("Pending approvals"));
      assertEquals(200, a.get("/app.js").statusCode());
    }
  }

  @Test
  void aDeniedApprovalIsNeverCarriedOutAndAnUndecidedOneExpires(@TempDir Path tmp) throws Exception {
    try (ApprovalAgent a = new ApprovalAgent(tmp, 2).start(Duration.ofSeconds(10), 1000)) {
      JsonNode pending = awaitPending(a, 2);
      String auth = "Bearer " + a.token;
      String denyId = pending.get(0).path("id").asText();
      String lateId = pending.get(1).path("id").asText();
      HttpResponse<String> denied = a.post("/approvals/" + denyId + "/deny", auth,
          "{\"approver\":\"bob\",\"reason\":\"a batch job\"}");
      assertEquals(200, denied.statusCode(), denied.body());
      ApprovalDeniedEvent d = awaitEvent(a, ApprovalDeniedEvent.class, e -> e.id().equals(denyId));
      assertEquals("bob", d.approver());
      assertEquals("a batch job", d.reason());
      assertEquals(409, a.post("/approvals/" + denyId + "/approve", auth, "{\"approver\":\"alice\"}").statusCode());

      ApprovalExpiredEvent x = awaitEvent(a, ApprovalExpiredEvent.class, e -> e.id().equals(lateId));
      ApprovalRequestedEvent req = awaitEvent(a, ApprovalRequestedEvent.class, e -> e.id().equals(lateId));
      assertTrue(x.at() >= req.expiresAt(), x + " " + req);
      HttpResponse<String> late = a.post("/approvals/" + lateId + "/approve", auth, "{\"approver\":\"alice\"}");
      assertEquals(409, late.statusCode());
      assertTrue(json(late).path("error").asText().contains("expired"), late.body());
      assertTrue(journal(a).stream().noneMatch(e -> e instanceof ActionEvent ae
          && ae.action().equals("set_oom_score_adj")), "neither was carried out");
      assertFalse(oomScoreAdj(a.pid(0)).equals("700") || oomScoreAdj(a.pid(1)).equals("700"));
    }
  }

  @Test
  void aFloodIsRateLimitedAndTheAgentKeepsDeciding(@TempDir Path tmp) throws Exception {
    try (ApprovalAgent a = new ApprovalAgent(tmp, 1).start(Duration.ofMinutes(10), 20)) {
      awaitPending(a, 1);
      long sweepsBefore = a.agent.sweeps();
      java.net.http.HttpRequest status = java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.base + "/status"))
          .build();
      List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> flood = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        flood.add(a.http.sendAsync(status, HttpResponse.BodyHandlers.discarding()));
      }
      int limited = 0;
      for (var f : flood) {
        int code = f.get().statusCode();
        if (code == 429) {
          limited++;
        } else {
          assertEquals(200, code);
        }
      }
      assertTrue(limited >= 300, limited + " of 400 limited");
      for (int i = 0; i < 100 && a.agent.sweeps() < sweepsBefore + 3; i++) {
        Thread.sleep(100);
      }
      assertTrue(a.agent.sweeps() >= sweepsBefore + 3, "the agent kept sweeping: " + sweepsBefore + " -> "
          + a.agent.sweeps());
      Thread.sleep(1100);
      assertEquals(200, a.get("/status").statusCode(), "the budget refills");
    }
  }

  @Test
  void aTokenFileOthersCanReadStopsTheAgent(@TempDir Path tmp) throws Exception {
    Path state = tmp.resolve("state");
    Files.createDirectories(state);
    Path token = state.resolve("api.token");
    Files.writeString(token, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    ApprovalAgent a = new ApprovalAgent(tmp, 1);
    try {
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(ApiToken.Refused.class,
          () -> a.start(Duration.ofMinutes(1), 100));
      assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
      assertFalse(Files.exists(state.resolve("journal.jsonl")), "nothing started");
    } finally {
      a.close();
    }
  }
}
