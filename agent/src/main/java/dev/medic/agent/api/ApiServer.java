package dev.medic.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.engine.approval.Outcome;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The agent's HTTP API and web page. Every request passes the rate limit (429), then the address check (reads
 * from 127.0.0.1, ::1 and {@code api.readFrom}, or anywhere with the token: else 403); every POST needs the bearer
 * token (401 without, 403 with a wrong one) and a small JSON body (413 when larger). Bad input is a 4xx with a
 * one-line {@code error} and changes nothing. Handlers that read files or write the journal run on worker threads.
 */
public final class ApiServer implements AutoCloseable {

  /** The largest request body accepted: an approver's name and a reason. */
  public static final int MAX_BODY = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_NAME = 64;
  private static final int MAX_REASON = 500;
  private static final int MAX_TAIL = 1000;

  private final Vertx vertx;
  private final HttpServer server;
  private final AgentView agent;
  private final ApiToken token;
  private final ApiSettings settings;
  private final RequestBudget budget;
  private final Incidents incidents;
  private final Map<String, byte[]> pages;

  private ApiServer(ApiSettings settings, ApiToken token, AgentView agent) throws IOException {
    this.settings = settings;
    this.token = token;
    this.agent = agent;
    this.budget = new RequestBudget(settings.requestsPerSecond());
    this.incidents = new Incidents(agent.journalFile(), agent.evidenceRoot());
    this.pages = Map.of("/", page("index.html"), "/app.js", page("app.js"), "/style.css", page("style.css"));
    this.vertx = Vertx.vertx();
    HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
        .setMaxHeaderSize(8192).setMaxInitialLineLength(4096);
    if (settings.tlsCert().isPresent()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(settings.tlsCert().get().toString()).setKeyPath(settings.tlsKey().get().toString()));
    }
    try {
      this.server = vertx.createHttpServer(options).requestHandler(router()).listen()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("cannot start the API on " + settings.url() + ": " + cause.getMessage(), cause);
    }
  }

  /** Starts the API; the token was loaded (or created) before, so a loose token file stops the agent early. */
  public static ApiServer start(ApiSettings settings, ApiToken token, AgentView agent) throws IOException {
    return new ApiServer(settings, token, agent);
  }

  /** The port it listens on (the chosen one when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  private Router router() {
    Router r = Router.router(vertx);
    r.route().handler(this::admit);
    r.post().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    r.post().handler(this::requireToken);
    r.get("/health").handler(ctx -> json(ctx, 200, Map.of("status", "ok")));
    r.get("/status").handler(ctx -> json(ctx, 200, status()));
    r.get("/incidents").handler(ctx -> blocking(ctx, () -> Map.of("incidents",
        incidents.list(agent.approvals().all(), System.currentTimeMillis()))));
    r.get("/incidents/:id").handler(ctx -> blocking(ctx, () -> incidents.find(ctx.pathParam("id"),
        agent.approvals().all(), System.currentTimeMillis()).orElseThrow(() -> new NotFound(
            "no incident " + ctx.pathParam("id")))));
    r.get("/approvals").handler(ctx -> blocking(ctx, () -> Map.of("approvals",
        agent.approvals().pending().stream().map(Incidents::approval).toList())));
    r.post("/approvals/:id/approve").handler(ctx -> decide(ctx, true));
    r.post("/approvals/:id/deny").handler(ctx -> decide(ctx, false));
    r.get("/journal").handler(this::journal);
    if (agent.alerts() != null) { // Alertmanager's webhook (with the bearer token): alerts become facts
      r.post("/alerts").handler(new dev.medic.agent.alerts.AlertsHandler(agent.alerts()));
    }
    r.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(agent.scrape()));
    pages.forEach((path, body) -> r.get(path).handler(ctx -> ctx.response()
        .putHeader("Content-Type", contentType(path)).putHeader("Cache-Control", "no-store")
        .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
        .end(io.vertx.core.buffer.Buffer.buffer(body))));
    r.route().last().handler(ctx -> error(ctx, 404, "no such resource: " + ctx.request().method() + " "
        + ctx.request().path()));
    r.errorHandler(413, ctx -> error(ctx, 413, "request body larger than " + MAX_BODY + " bytes"));
    r.errorHandler(500, ctx -> error(ctx, 500, "internal error: " + ctx.failure()));
    return r;
  }

  /** Rate limit, then who may read: every request passes here first. */
  private void admit(RoutingContext ctx) {
    String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    if (!budget.take(client, System.nanoTime())) {
      ctx.response().putHeader("Retry-After", "1");
      error(ctx, 429, "too many requests from " + client + " (api.requestsPerSecond is "
          + settings.requestsPerSecond() + ")");
      return;
    }
    boolean local = client.equals("127.0.0.1") || client.equals("0:0:0:0:0:0:0:1") || client.equals("::1");
    if (local || settings.readFrom().stream().anyMatch(c -> c.contains(client))
        || token.accepts(ctx.request().getHeader("Authorization")) || ctx.request().path().equals("/health")) {
      ctx.next();
    } else {
      error(ctx, 403, client + " may not read this API (api.readFrom) and sent no valid token");
    }
  }

  private void requireToken(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || auth.isBlank()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      error(ctx, 401, "this needs the API token: Authorization: Bearer <token>");
    } else if (!token.accepts(auth)) {
      error(ctx, 403, "wrong API token");
    } else {
      ctx.next();
    }
  }

  private Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>(agent.status());
    m.put("pendingApprovals", agent.approvals().all().stream()
        .filter(a -> a.state() == dev.medic.engine.approval.Approval.State.PENDING).count());
    return m;
  }

  /** Approve or deny: the body is checked whole before anything changes. */
  private void decide(RoutingContext ctx, boolean approve) {
    String id = ctx.pathParam("id");
    Map<String, String> body;
    try {
      body = body(ctx, approve);
    } catch (BadRequest e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    blocking(ctx, () -> {
      Outcome o = approve ? agent.approvals().approve(id, body.get("approver"), body.get("reason"))
          : agent.approvals().deny(id, body.get("approver"), body.get("reason"));
      return outcome(o);
    });
  }

  private static Map<String, String> body(RoutingContext ctx, boolean approve) throws BadRequest {
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw new BadRequest("send a JSON body: {\"approver\": \"NAME\", \"reason\": \"WHY\"}");
    }
    JsonNode node;
    try {
      node = JSON.readTree(ctx.body().asString("UTF-8"));
    } catch (JsonProcessingException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("the body must be a JSON object with approver and reason");
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("approver") && !f.equals("reason")) {
        throw new BadRequest("unknown field '" + f + "': only approver and reason");
      }
    }
    String approver = text(node, "approver", MAX_NAME);
    String reason = text(node, "reason", MAX_REASON);
    if (approver.isBlank()) {
      throw new BadRequest("approver is required: the name of who decides");
    }
    if (!approver.matches("[\\p{L}\\p{N} ._@+-]+")) {
      throw new BadRequest("approver may hold letters, digits, space and . _ @ + - only");
    }
    if (!approve && reason.isBlank()) {
      throw new BadRequest("reason is required to deny");
    }
    return Map.of("approver", approver.strip(), "reason", reason.strip());
  }

  private static String text(JsonNode node, String field, int max) throws BadRequest {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new BadRequest(field + " must be a string");
    }
    String t = v.asText();
    if (t.length() > max) {
      throw new BadRequest(field + " is longer than " + max + " characters");
    }
    if (t.chars().anyMatch(Character::isISOControl)) {
      throw new BadRequest(field + " may not hold control characters");
    }
    return t;
  }

  /** An outcome as its response: 404 unknown, 409 no longer pending, 200 otherwise. */
  private static Reply outcome(Outcome o) {
    if (o instanceof Outcome.Unknown u) {
      throw new NotFound("no approval " + u.id());
    }
    if (o instanceof Outcome.NotPending n) {
      throw new Conflict("approval " + n.approval().id() + " is " + n.approval().state().word()
          + ", not pending: nothing changed");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (o instanceof Outcome.Denied d) {
      m.put("result", "denied");
      m.put("approval", Incidents.approval(d.approval()));
    } else if (o instanceof Outcome.Stopped s) {
      m.put("result", "stopped");
      m.put("gate", s.decision().gate());
      m.put("reason", s.decision().reason());
      m.put("approval", Incidents.approval(s.approval()));
    } else if (o instanceof Outcome.Carry c) {
      m.put("result", "run");
      m.put("approval", Incidents.approval(c.approval()));
    }
    return new Reply(200, m);
  }

  private void journal(RoutingContext ctx) {
    int tail = 100;
    List<String> t = ctx.queryParam("tail");
    if (!t.isEmpty()) {
      try {
        tail = Integer.parseInt(t.get(0));
      } catch (NumberFormatException e) {
        tail = -1;
      }
      if (tail < 1 || tail > MAX_TAIL) {
        error(ctx, 400, "tail must be a number from 1 to " + MAX_TAIL);
        return;
      }
    }
    int n = tail;
    blocking(ctx, () -> {
      List<JournalEvent> all = incidents.events();
      return Map.of("events", all.subList(Math.max(0, all.size() - n), all.size()).stream()
          .map(JournalCodec::toMap).toList());
    });
  }

  /** Runs blocking work on a worker thread and answers with its result (or its 4xx). */
  private void blocking(RoutingContext ctx, Callable<Object> work) {
    Future<Object> f = vertx.executeBlocking(work, false);
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        Object v = ar.result();
        if (v instanceof Reply reply) {
          json(ctx, reply.status(), reply.body());
        } else {
          json(ctx, 200, v);
        }
      } else if (ar.cause() instanceof ClientError c) {
        error(ctx, c.status, c.getMessage());
      } else {
        error(ctx, 500, "internal error: " + ar.cause());
      }
    });
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      status = 500;
      text = "{\"error\":\"cannot write the answer\"}";
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(text);
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, Map.of("error", message));
  }

  private static String contentType(String path) {
    return path.endsWith(".js") ? "text/javascript; charset=utf-8"
        : path.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
  }

  private static byte[] page(String name) throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IOException("the web page's " + name + " is missing from the agent's jar");
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // stopping: nothing left to tell
    }
  }

  private record Reply(int status, Object body) {}

  /** A request that cannot be served as asked: its status and one line for the client. */
  private static class ClientError extends RuntimeException {
    final int status;

    ClientError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private static final class NotFound extends ClientError {
    NotFound(String message) {
      super(404, message);
    }
  }

  private static final class Conflict extends ClientError {
    Conflict(String message) {
      super(409, message);
    }
  }

  private static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
