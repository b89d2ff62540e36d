package dev.medic.agent.alerts;

import dev.medic.probes.facts.AlertFact;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.kmsg.FactQueue;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code POST /alerts}: Alertmanager's webhook receiver. A valid notification (payload version 4) is queued whole
 * into the agent's inbox and answered {@code 200 {"accepted":N}}; the next sweep delivers its alerts as facts. A
 * body that is too large is refused with 413 (once it has been read and dropped) and anything else invalid with
 * 400, each with one line of text, and nothing is queued. Reads the body itself, keeping at most
 * {@link AlertmanagerPayload#MAX_BODY} bytes, or uses the one a {@code BodyHandler} before it read. Never blocks:
 * it runs on an event loop.
 */
public final class AlertsHandler implements Handler<RoutingContext> {

  private final FactQueue inbox;
  private final LongSupplier clock;

  /** @param inbox the agent's inbox ({@code Agent.alerts()}), drained by every sweep */
  public AlertsHandler(FactQueue inbox) {
    this(inbox, System::currentTimeMillis);
  }

  AlertsHandler(FactQueue inbox, LongSupplier clock) {
    this.inbox = inbox;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.body().available()) {
      Buffer body = ctx.body().buffer();
      accept(ctx, body == null ? Buffer.buffer() : body);
      return;
    }
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("Content-Length");
    Buffer body = Buffer.buffer();
    // over the cap: keep nothing more, read to the end (the sender is answered, not cut off), then refuse
    boolean[] over = {length != null && tooLong(length)};
    boolean[] failed = {false};
    request.handler(chunk -> {
      if (over[0] || body.length() + chunk.length() > AlertmanagerPayload.MAX_BODY) {
        over[0] = true;
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(e -> {
      if (!failed[0]) {
        failed[0] = true;
        reply(ctx, 400, "the request could not be read");
      }
    });
    request.endHandler(v -> {
      if (failed[0]) {
        return;
      }
      if (over[0]) {
        reply(ctx, 413, "body larger than " + AlertmanagerPayload.MAX_BODY + " bytes");
      } else {
        accept(ctx, body);
      }
    });
    request.resume();
  }

  private static boolean tooLong(String length) {
    try {
      return Long.parseLong(length.trim()) > AlertmanagerPayload.MAX_BODY;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void accept(RoutingContext ctx, Buffer body) {
    if (body.length() > AlertmanagerPayload.MAX_BODY) {
      reply(ctx, 413, "body larger than " + AlertmanagerPayload.MAX_BODY + " bytes");
      return;
    }
    List<AlertFact> alerts;
    try {
      alerts = AlertmanagerPayload.parse(body.getBytes(), clock.getAsLong());
    } catch (AlertmanagerPayload.Invalid e) {
      reply(ctx, 400, e.getMessage());
      return;
    }
    for (Fact f : alerts) {
      inbox.add(f);
    }
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
        .end("{\"accepted\":" + alerts.size() + "}\n");
  }

  private static void reply(RoutingContext ctx, int status, String line) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(line + "\n");
    }
  }
}
