package dev.medic.cli;

import static dev.medic.cli.AgentProcess.awaitJournal;
import static dev.medic.cli.AgentProcess.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.ReloadEvent;
import dev.medic.engine.journal.StartEvent;
import dev.medic.engine.journal.StopEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code medic run} as the service manager sees it, with real processes: a second agent on the same state dir is
 * refused and names the first; SIGHUP reloads (a bad runbook is refused, the old set runs on); a heartbeat line
 * comes at the configured interval; SIGTERM and SIGINT stop it with exit 0, a stop line and a summary; after a
 * SIGKILL the next agent takes the lock over (the kernel released it).
 */
class ServiceProcessTest {

  private static final Duration START = Duration.ofSeconds(90);

  private static boolean started(List<JournalEvent> events, long pid) {
    return of(events, StartEvent.class).stream().anyMatch(s -> s.pid() == pid);
  }

  @Test
  @Timeout(600)
  void lockSignalsReloadHeartbeatAndExitCodes(@TempDir Path tmp) throws Exception {
    Path books = Files.createDirectories(tmp.resolve("runbooks"));
    Files.copy(Path.of("../runbooks/memory-hog.yaml"), books.resolve("memory-hog.yaml"));
    Path cfg = tmp.resolve("medic.yaml");
    Files.writeString(cfg, "interval: 200ms\nheartbeat: 1s\nstateDir: state\nrunbooks: [runbooks]\n");
    Path journal = tmp.resolve("state/journal.jsonl");

    try (AgentProcess a = AgentProcess.start(tmp, "a", "--config", cfg.toString())) {
      awaitJournal(journal, START, e -> started(e, a.pid()));

      try (AgentProcess b = AgentProcess.start(tmp, "b", "--config", cfg.toString())) {
        assertEquals(MedicCli.FAILED, b.waitFor(START));
        assertTrue(b.stderr().contains("another Medic agent (pid " + a.pid() + ") is running on"), b.stderr());
        assertTrue(!b.stderr().contains("Exception"), "one line, no stack trace: " + b.stderr());
      }

      Files.writeString(books.resolve("broken.yaml"), "id: broken\nwhen: {fact: cgroup, where: usagePercnt >= 1%}\n");
      a.signal("HUP");
      awaitJournal(journal, START, e -> of(e, ReloadEvent.class).size() == 1);
      Files.delete(books.resolve("broken.yaml"));
      a.signal("HUP");
      List<ReloadEvent> reloads = of(awaitJournal(journal, START, e -> of(e, ReloadEvent.class).size() == 2),
          ReloadEvent.class);
      assertEquals(List.of(false, true), reloads.stream().map(ReloadEvent::ok).toList(), reloads.toString());
      assertTrue(reloads.get(0).message().contains("broken.yaml"), reloads.get(0).message());
      a.awaitStdout(START, out -> out.contains("reload refused") && out.contains("reload done"));
      a.awaitStdout(START, out -> out.contains(" heartbeat: "));

      a.terminate();
      assertEquals(0, a.waitFor(START), "SIGTERM is a clean stop: " + a.stderr());
      assertTrue(a.stdout().contains(" stopped: "), a.stdout());
      List<JournalEvent> events = AgentProcess.journal(journal);
      assertInstanceOf(StopEvent.class, events.get(events.size() - 1));
    }

    try (AgentProcess c = AgentProcess.start(tmp, "c", "--config", cfg.toString())) {
      awaitJournal(journal, START, e -> started(e, c.pid()));
      c.kill();
      assertEquals(137, c.waitFor(START));
    }
    try (AgentProcess d = AgentProcess.start(tmp, "d", "--config", cfg.toString(), "--log-format", "json")) {
      awaitJournal(journal, START, e -> started(e, d.pid()));
      assertEquals(d.pid() + "\n", Files.readString(tmp.resolve("state/medic.lock")), "the lock was taken over");
      d.awaitStdout(START, out -> out.contains("\"event\":\"heartbeat\""));
      d.signal("INT");
      assertEquals(0, d.waitFor(START), d.stderr());
      String last = d.stdout().lines().reduce((x, y) -> y).orElse("");
      assertTrue(last.startsWith("{\"ts\":\"") && last.contains("\"level\":\"info\",\"event\":\"stopped\""), last);
    }
  }

  @Test
  void zeroRunbooksIsRefusedClearly(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("none"));
    Path cfg = tmp.resolve("medic.yaml");
    Files.writeString(cfg, "stateDir: state\nrunbooks: [none]\n");
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = MedicCli.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    assertEquals(MedicCli.FAILED, cli.execute("run", "--config", cfg.toString(), "--for", "1s"));
    assertTrue(err.toString().startsWith(tmp.resolve("none") + ":1:1: the folder holds no runbook"), err.toString());
    assertTrue(err.toString().contains("nothing started (a run needs at least one runbook)"), err.toString());
    assertTrue(Files.notExists(tmp.resolve("state/journal.jsonl")), "nothing started");
  }
}
