package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.cgroup.CgroupMemoryReader;
import dev.medic.simulator.Replayer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path, live: a real child fills a real memory cgroup, the agent finds it, plans for exactly that pid,
 * captures its identity and real pmap, proposes (does not run) the oom_score_adj change; then the recording of
 * that run, replayed twice, decides the same, and the same as the live run did.
 */
class EndToEndTest {

  private static final long LIMIT = 256L << 20;

  @Test
  @Timeout(240)
  void aMemoryHogIsFoundDiagnosedAndAnsweredLiveAndAgainInReplay(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a memory cgroup");
    CgroupMemoryReader cgroups = new CgroupMemoryReader(HostRoot.live(), new ProbeMetrics());
    Optional<Path> hierarchy = cgroups.hierarchy();
    assumeTrue(hierarchy.isPresent(), "this host has no memory cgroup hierarchy");

    // the shipped runbook, with its 1-minute window shortened so the test takes seconds
    String shipped = Files.readString(Path.of("../runbooks/memory-hog.yaml"));
    assertEquals(2, shipped.split("for: 1m", -1).length - 1, "the shipped runbook changed shape");
    Path runbook = tmp.resolve("memory-hog.yaml");
    Files.writeString(runbook, shipped.replace("for: 1m", "for: 3s"));
    MedicConfig config = new MedicConfig(Mode.ADVISE, false, Duration.ofMillis(500), List.of(runbook),
        tmp.resolve("state"), Path.of("/"), 10, Duration.ofSeconds(20), MedicConfig.DEFAULT_PROTECTED, Set.of());
    CompiledRunbooks runbooks = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
    Path recording = tmp.resolve("incident.jsonl");

    try (TestCgroup cg = TestCgroup.create(hierarchy.get(), cgroups.version(), LIMIT);
        Child hog = new Child(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx64m", "-XX:MaxDirectMemorySize=512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          Hog.class.getName(), "/" + cg.name, cg.usageFile().toString(), Long.toString(LIMIT * 93 / 100))
          .redirectErrorStream(true).start())) {
      cg.add(hog.pid());
      BufferedReader hogOut = new BufferedReader(new InputStreamReader(hog.getInputStream(), StandardCharsets.UTF_8));
      String said = hogOut.readLine();
      assertTrue(said != null && said.startsWith("holding"), "the hog did not fill its cgroup: " + said);

      List<Map<String, Object>> journal;
      try (Agent agent = new Agent(config, runbooks, Optional.of(Recorders.create(recording, config)), null)) {
        long pid = hog.pid();
        journal = waitFor(agent.journalFile(), Duration.ofSeconds(90), events ->
            events.stream().filter(e -> "action".equals(e.get("event"))).count() >= 2);
        assertTrue(hog.isAlive(), "the hog must still be alive: advise mode changes nothing");

        // a plan for exactly the hog, in its cgroup
        List<Map<String, Object>> plans = of(journal, "plan");
        assertFalse(plans.isEmpty(), "no plan in " + journal);
        for (Map<String, Object> plan : plans) {
          assertEquals(pid, ((Number) plan.get("pid")).longValue(), "plan for the wrong process: " + plan);
          assertEquals("cgroup /" + cg.name, plan.get("scope"));
        }
        String incident = (String) plans.get(0).get("incident");

        // captures ran; the remediation was proposed by the mode gate and never executed
        List<Map<String, Object>> decisions = of(journal, "decision");
        assertEquals(List.of("capture_identity:run", "capture_pmap:run", "set_oom_score_adj:proposed"),
            decisions.stream().filter(d -> incident.equals(d.get("incident")))
                .map(d -> d.get("action") + ":" + d.get("verdict")).toList());
        List<Map<String, Object>> actions = of(journal, "action");
        assertTrue(actions.stream().noneMatch(a -> "set_oom_score_adj".equals(a.get("action"))), actions.toString());
        assertTrue(actions.stream().allMatch(a -> "ok".equals(a.get("status"))), actions.toString());
        assertEquals("0", Files.readString(Path.of("/proc", Long.toString(pid), "oom_score_adj")).trim());

        // and counted
        assertEquals(1.0, agent.metrics().count("medic.actions", "action", "capture_pmap", "status", "ok"));
        assertTrue(agent.metrics().count("medic.decisions", "verdict", "proposed") >= 1);
        assertEquals(0.0, agent.metrics().count("medic.sweep.failures"));

        // the evidence: the hog's real pmap and identity, 0600 in a 0700 folder
        Path evidence = agent.evidenceRoot().resolve(incident);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(evidence)));
        String pmap = Files.readString(evidence.resolve("pmap.txt"));
        assertTrue(pmap.startsWith(pid + ":"), pmap.lines().findFirst().orElse(""));
        assertTrue(pmap.contains("total"), "pmap -x ends with a total line");
        String identity = Files.readString(evidence.resolve("identity.txt"));
        assertTrue(identity.contains(Hog.class.getName()), identity);
        for (String f : List.of("pmap.txt", "identity.txt", "environ.txt")) {
          assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(evidence.resolve(f))),
              f);
        }
      }

      // replay: twice the same, and the same as live
      List<String> live = decisionsAndPlans(journal);
      Replayer replayer = new Replayer(runbooks, config.gates());
      List<String> first = decisionsAndPlans(asMaps(replayer.replay(recording).events()));
      List<String> second = decisionsAndPlans(asMaps(replayer.replay(recording).events()));
      assertEquals(first, second, "a replay must be deterministic");
      assertEquals(live, first, "the replay must decide what the live run decided");
    }
  }

  /** The hog, killed (by its handle) before its cgroup is removed: resources close in reverse order. */
  private record Child(Process process) implements AutoCloseable {
    long pid() {
      return process.pid();
    }

    boolean isAlive() {
      return process.isAlive();
    }

    java.io.InputStream getInputStream() {
      return process.getInputStream();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }
  }

  /** Reads the journal until the condition holds or the time is up, and returns its events. */
  private static List<Map<String, Object>> waitFor(Path journal, Duration limit,
      Predicate<List<Map<String, Object>>> done) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    List<Map<String, Object>> events = List.of();
    while (System.nanoTime() < end) {
      events = read(journal);
      if (done.test(events)) {
        return events;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting; journal so far: " + events);
  }

  /** The journal's whole lines through the journal reader (a line being written is a torn tail, left out). */
  private static List<Map<String, Object>> read(Path journal) throws Exception {
    return asMaps(JournalReader.readAll(journal).events());
  }

  private static List<Map<String, Object>> asMaps(List<JournalEvent> events) {
    return events.stream().map(JournalCodec::toMap).toList();
  }

  private static List<Map<String, Object>> of(List<Map<String, Object>> events, String type) {
    return events.stream().filter(e -> type.equals(e.get("event"))).toList();
  }

  private static List<String> decisionsAndPlans(List<Map<String, Object>> events) {
    return events.stream().filter(e -> "plan".equals(e.get("event")) || "decision".equals(e.get("event")))
        .map(String::valueOf).toList();
  }
}
