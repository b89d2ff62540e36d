package dev.medic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.journal.PruneEvent;
import dev.medic.engine.journal.ReloadEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What {@code medic run} prints while it runs, for the operator at a terminal or for journald: each plan with
 * its scope, its reasons ("because …"), its summary, the evidence folder and every action's verdict with the gate
 * that decided and why; each action's outcome (failures marked and counted); errors, reloads and pruning; a
 * heartbeat line and a summary at the stop. {@code --log-format json} prints the same as one JSON object per line
 * ({@code ts}, {@code level}, {@code event}, {@code fields}) for log shippers. It is told every journal event as
 * it is written, from the engine's and the executor's threads, so printing is synchronized.
 */
final class RunConsole implements Consumer<JournalEvent> {

  /** How the lines look. */
  enum Format { TEXT, JSON }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final Format format;
  private final Path evidenceRoot;
  private final AtomicLong plans = new AtomicLong();

  RunConsole(PrintWriter out, Format format, Path evidenceRoot) {
    this.out = out;
    this.format = format;
    this.evidenceRoot = evidenceRoot;
  }

  long plans() {
    return plans.get();
  }

  @Override
  public synchronized void accept(JournalEvent event) {
    if (event instanceof PlanEvent) {
      plans.incrementAndGet();
    }
    if (format == Format.JSON) {
      Map<String, Object> fields = JournalCodec.toMap(event);
      fields.remove("event");
      json(level(event), event.type(), fields);
    } else {
      text(event);
    }
    out.flush();
  }

  /** A status line: every heartbeat interval, and once more (as {@code stopped}) at the end. */
  synchronized void status(String event, long sweeps, long errors, long actionFailures, int pending) {
    if (format == Format.JSON) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("sweeps", sweeps);
      fields.put("plans", plans.get());
      fields.put("actionFailures", actionFailures);
      fields.put("errors", errors);
      fields.put("pendingApprovals", pending);
      json("info", event, fields);
    } else {
      out.printf("%s %s: %d sweeps, %d plans, %d action failure(s), %d error(s), %d pending approval(s)%n",
          Instant.now(), event, sweeps, plans.get(), actionFailures, errors, pending);
    }
    out.flush();
  }

  private void text(JournalEvent event) {
    if (event instanceof PlanEvent p) {
      out.printf("%s plan %s [%s] %s: pid %d (%s)  incident %s%n", Instant.ofEpochMilli(p.ts()), p.runbook(),
          p.severity(), Printable.of(p.scope()), p.pid(), Printable.of(p.comm()), p.incident());
      out.printf("  because %s%n", Printable.of(String.join("; ", p.reasons())));
      out.printf("  summary: %s%n", Printable.of(p.summary()));
      out.printf("  evidence: %s%n", evidenceRoot.resolve(p.incident()));
    } else if (event instanceof DecisionEvent d) {
      out.printf("  %-20s %-9s %s%n", d.action(), d.verdict(),
          d.gate().equals("all") ? "(" + d.reason() + ")" : "by " + d.gate() + ": " + Printable.of(d.reason()));
    } else if (event instanceof ActionEvent a) {
      out.printf("%s action %s %s%s in %dms, incident %s: %s%s%n", Instant.ofEpochMilli(a.at()), a.action(),
          a.status(), failed(a.status()) ? " (FAILURE)" : "", a.tookMs(), a.incident(), Printable.of(a.detail()),
          a.evidence().isEmpty() ? "" : " -> " + String.join(", ", a.evidence()));
    } else if (event instanceof ErrorEvent e) {
      out.printf("%s error%s: %s%n", Instant.ofEpochMilli(e.at()),
          e.incident() == null ? "" : " (incident " + e.incident() + ")", Printable.of(e.message()));
    } else if (event instanceof ReloadEvent r) {
      out.printf("%s reload %s: %s%n", Instant.ofEpochMilli(r.at()), r.ok() ? "done" : "refused",
          Printable.of(r.message()));
    } else if (event instanceof PruneEvent p) {
      out.printf("%s evidence pruned: %d folder(s), %d bytes freed (%s)%n", Instant.ofEpochMilli(p.at()),
          p.removed().size(), p.freedBytes(), p.reason());
    }
    // start and stop: the run command prints its own lines for them
  }

  private void json(String level, String event, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", Instant.now().toString());
    line.put("level", level);
    line.put("event", event);
    line.put("fields", fields);
    try {
      out.println(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      out.println("{\"level\":\"error\",\"event\":\"console\",\"fields\":{\"message\":\"cannot print an event\"}}");
    }
  }

  private static boolean failed(String status) {
    return status.equals("failed") || status.equals("timed_out");
  }

  private static String level(JournalEvent event) {
    if (event instanceof PlanEvent p) {
      return switch (p.severity()) {
        case "critical" -> "error";
        case "warning" -> "warn";
        default -> "info";
      };
    }
    if (event instanceof ActionEvent a) {
      return failed(a.status()) ? "error" : "info";
    }
    if (event instanceof ErrorEvent) {
      return "error";
    }
    if (event instanceof ReloadEvent r) {
      return r.ok() ? "info" : "error";
    }
    return "info";
  }
}
