package dev.medic.cli;

import static dev.medic.cli.AgentProcess.awaitJournal;
import static dev.medic.cli.AgentProcess.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.journal.StartEvent;
import dev.medic.engine.journal.StopEvent;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.cgroup.CgroupMemoryReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent process finds a real hog in a real memory cgroup, plans and captures; it is killed with SIGKILL
 * (no stop line, nothing flushed but what the journal already had) and started again while the hog still holds
 * its memory. The second agent rebuilds the runbook's 10-minute cooldown from the journal: it sweeps well past
 * the 3-second window that made the first plan and plans nothing, captures nothing.
 */
class RestartRecoveryEndToEndTest {

  private static final long LIMIT = 256L << 20;
  private static final Pattern HEARTBEAT = Pattern.compile(" heartbeat: (\\d+) sweeps");

  @Test
  @Timeout(420)
  void aKilledAgentRestartedInsideTheCooldownDoesNotPlanOrCaptureAgain(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a memory cgroup");
    CgroupMemoryReader cgroups = new CgroupMemoryReader(HostRoot.live(), new ProbeMetrics());
    Optional<Path> hierarchy = cgroups.hierarchy();
    assumeTrue(hierarchy.isPresent(), "this host has no memory cgroup hierarchy");

    Path books = Files.createDirectories(tmp.resolve("runbooks"));
    String shipped = Files.readString(Path.of("../runbooks/memory-hog.yaml"));
    assertTrue(shipped.contains("cooldown: 10m"), "the shipped runbook changed its cooldown");
    Files.writeString(books.resolve("memory-hog.yaml"), shipped.replace("for: 1m", "for: 3s"));
    Path cfg = tmp.resolve("medic.yaml");
    Files.writeString(cfg, "interval: 500ms\nprocessInterval: 500ms\nheartbeat: 1s\nstateDir: state\n"
        + "runbooks: [runbooks]\nactionTimeout: 20s\n");
    Path journal = tmp.resolve("state/journal.jsonl");

    try (TestCgroup cg = TestCgroup.create(hierarchy.get(), cgroups.version(), LIMIT);
        AutoCloseable hog = start(cg)) {
      try (AgentProcess first = AgentProcess.start(tmp, "first", "--config", cfg.toString())) {
        awaitJournal(journal, Duration.ofSeconds(120), e -> of(e, ActionEvent.class).size() >= 2);
        first.kill();
        assertEquals(137, first.waitFor(Duration.ofSeconds(30)));
      }
      List<JournalEvent> before = AgentProcess.journal(journal);
      assertEquals(1, of(before, PlanEvent.class).size(), before.toString());
      assertEquals("cgroup /" + cg.name, of(before, PlanEvent.class).get(0).scope());
      assertEquals(List.of(), of(before, StopEvent.class), "SIGKILL: no stop line");

      try (AgentProcess second = AgentProcess.start(tmp, "second", "--config", cfg.toString())) {
        awaitJournal(journal, Duration.ofSeconds(120), e -> of(e, StartEvent.class).size() == 2);
        // 20 sweeps of 500 ms: the 3 s window is covered several times over; only the cooldown keeps it quiet
        second.awaitStdout(Duration.ofSeconds(120), out -> sweeps(out) >= 20);
        second.terminate();
        assertEquals(0, second.waitFor(Duration.ofSeconds(60)), second.stderr());
      }
      List<JournalEvent> after = AgentProcess.journal(journal);
      assertEquals(of(before, PlanEvent.class), of(after, PlanEvent.class), "no second plan inside the cooldown");
      assertEquals(of(before, ActionEvent.class).size(), of(after, ActionEvent.class).size(), "no second capture");
      assertEquals(1, of(after, StopEvent.class).size());
    }
  }

  private static long sweeps(String out) {
    long last = 0;
    Matcher m = HEARTBEAT.matcher(out);
    while (m.find()) {
      last = Long.parseLong(m.group(1));
    }
    return last;
  }

  /** The hog child in the cgroup, filled to 93% of its limit; closing kills it by its handle. */
  private static AutoCloseable start(TestCgroup cg) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:MaxDirectMemorySize=512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Hog.class.getName(), "/" + cg.name, cg.usageFile().toString(), Long.toString(LIMIT * 93 / 100))
        .redirectErrorStream(true).start();
    AutoCloseable handle = () -> p.destroyForcibly().waitFor();
    try {
      cg.add(p.pid());
      String said = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertTrue(said != null && said.startsWith("holding"), "the hog did not fill its cgroup: " + said);
      return handle;
    } catch (Exception | AssertionError e) {
      handle.close();
      throw e;
    }
  }
}
