package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.cgroup.CgroupMemoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path against the kernel's OOM killer: {@code tail /dev/zero} fills a 1 GiB memory cgroup in about a
 * second while the agent sweeps only every 30 s. Only the crossing notifier can see it in time: the journal
 * must hold a {@code crossing} event naming the filler, with its smaps_rollup captured before the kill, and the
 * out-of-turn sweep's plan for that same pid from a runbook on the cgroup's usage.
 */
class CrossingEndToEndTest {

  @Test
  @Timeout(120)
  void theFillersEvidenceAndAPlanBeatTheOomKiller(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a memory cgroup");
    CgroupMemoryReader cgroups = new CgroupMemoryReader(HostRoot.live(), new ProbeMetrics());
    assumeTrue(cgroups.hierarchy().isPresent(), "no memory cgroup hierarchy");
    Path runbook = tmp.resolve("filling.yaml");
    Files.writeString(runbook, """
        id: cgroup-filling
        when: {fact: cgroup, where: usagePercent >= 80%}
        target: top_process_by_rss
        steps: [capture_identity]
        summary: "{{process.comm}} ({{process.pid}}) fills {{scope}}"
        """);
    MedicConfig config = new MedicConfig(Mode.ADVISE, false, Duration.ofSeconds(30), List.of(runbook),
        tmp.resolve("state"), Path.of("/"), 10, Duration.ofSeconds(10), MedicConfig.DEFAULT_PROTECTED, Set.of());
    CompiledRunbooks runbooks = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
    try (TestCgroup cg = TestCgroup.create(cgroups.hierarchy().get(), cgroups.version(), 1L << 30);
        Agent agent = new Agent(config, runbooks, Optional.empty(), null)) {
      Thread.sleep(1500); // the first sweep lists the cgroup and arms its notifier
      Process filler = new ProcessBuilder("sh", "-c", "echo $$ > \"$1\" && exec tail /dev/zero", "sh",
          cg.dir.resolve("cgroup.procs").toString()).redirectErrorStream(true).start();
      long pid = filler.pid();
      try {
        assertTrue(filler.waitFor(60, TimeUnit.SECONDS), "the filler was not killed");
        assertEquals(137, filler.exitValue(), "killed by SIGKILL");
      } finally {
        filler.destroyForcibly().waitFor();
      }
      List<Map<String, Object>> crossings = List.of();
      for (int i = 0; i < 50 && crossings.isEmpty(); i++) {
        Thread.sleep(100);
        crossings = events(agent.journalFile(), "crossing");
      }
      assertFalse(crossings.isEmpty(), "no crossing event for the filler " + pid);
      Map<String, Object> crossing = crossings.get(0);
      System.out.println("crossing event: " + crossing);
      assertEquals("/" + cg.name, crossing.get("scope"));
      assertEquals(pid, ((Number) crossing.get("pid")).longValue(), "the filler's identity");
      assertEquals("tail", crossing.get("comm"));
      @SuppressWarnings("unchecked")
      List<String> evidence = (List<String>) crossing.get("evidence");
      Path smaps = evidence.stream().map(Path::of).filter(p -> p.endsWith("smaps_rollup.txt")).findFirst()
          .orElseThrow(() -> new AssertionError("no smaps_rollup in " + evidence));
      assertTrue(Files.readString(smaps).contains("Rss:"), "smaps_rollup as the kernel printed it");
      assertTrue(Files.readString(smaps.resolveSibling("maps.txt")).contains("/tail"), "its memory map");
      assertNotNull(crossing.get("evidenceMs"));
      assertNotNull(crossing.get("decisionMs"), "the out-of-turn sweep decided");
      List<Map<String, Object>> plans = events(agent.journalFile(), "plan");
      assertFalse(plans.isEmpty(), "no plan from the out-of-turn sweep");
      assertEquals(pid, ((Number) plans.get(0).get("pid")).longValue());
      assertEquals(List.of(plans.get(0).get("incident")), crossing.get("incidents"));
    }
  }

  private static List<Map<String, Object>> events(Path journal, String type) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : Files.readAllLines(journal)) {
      if (line.contains("\"event\":\"" + type + "\"") && line.endsWith("}")) {
        out.add(new ObjectMapper().readValue(line, new TypeReference<Map<String, Object>>() {}));
      }
    }
    return out;
  }
}
