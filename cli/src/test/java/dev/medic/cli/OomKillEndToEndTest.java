package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * A real OOM kill, end to end: {@code tail /dev/zero} (the guide's classic memory bomb) fills a 48 MiB memory
 * cgroup until the kernel kills it; the agent reads the kill from {@code /dev/kmsg}, joins its lines into one
 * fact, and a runbook on {@code oom_kill} plans for exactly that pid in exactly that cgroup.
 */
class OomKillEndToEndTest {

  @Test
  @Timeout(120)
  void theKernelsOomKillReachesARunbook(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a memory cgroup and /dev/kmsg");
    assumeTrue(Files.isReadable(Path.of("/dev/kmsg")), "needs /dev/kmsg");
    CgroupMemoryReader cgroups = new CgroupMemoryReader(HostRoot.live(), new ProbeMetrics());
    assumeTrue(cgroups.hierarchy().isPresent(), "no memory cgroup hierarchy");
    Path runbook = tmp.resolve("after-oom.yaml");
    Files.writeString(runbook, """
        id: after-oom
        when: {fact: oom_kill}
        steps: [capture_top]
        summary: "{{process.comm}} ({{process.pid}}) was killed in {{scope}}"
        """);
    MedicConfig config = new MedicConfig(Mode.ADVISE, false, Duration.ofMillis(500), List.of(runbook),
        tmp.resolve("state"), Path.of("/"), 10, Duration.ofSeconds(10), MedicConfig.DEFAULT_PROTECTED, Set.of());
    CompiledRunbooks runbooks = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());

    try (TestCgroup cg = TestCgroup.create(cgroups.hierarchy().get(), cgroups.version(), 48L << 20);
        Agent agent = new Agent(config, runbooks, Optional.empty(), null)) {
      Thread.sleep(1000); // the kernel log source skips records older than its start
      // `sh -c` only to join the cgroup before exec'ing tail: the bomb is the process the kernel kills
      Process bomb = new ProcessBuilder("sh", "-c", "echo $$ > " + cg.dir.resolve("cgroup.procs") + " && exec tail /dev/zero")
          .redirectErrorStream(true).start();
      long pid = bomb.pid();
      try {
        assertEquals(true, bomb.waitFor(60, TimeUnit.SECONDS), "the bomb was not killed");
        assertEquals(137, bomb.exitValue(), "killed by SIGKILL");
        List<Map<String, Object>> plans = new ArrayList<>();
        for (int i = 0; i < 100 && plans.isEmpty(); i++) {
          Thread.sleep(200);
          plans = plans(agent.journalFile());
        }
        assertFalse(plans.isEmpty(), "no plan after the OOM kill of " + pid);
        Map<String, Object> plan = plans.get(0);
        assertEquals(pid, ((Number) plan.get("pid")).longValue());
        assertEquals("tail", plan.get("comm"));
        assertEquals("cgroup /" + cg.name, plan.get("scope"));
        assertEquals("tail (" + pid + ") was killed in cgroup /" + cg.name, plan.get("summary"));
      } finally {
        bomb.destroyForcibly().waitFor();
      }
    }
  }

  private static List<Map<String, Object>> plans(Path journal) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : Files.readAllLines(journal)) {
      if (line.contains("\"event\":\"plan\"") && line.endsWith("}")) {
        out.add(new ObjectMapper().readValue(line, new TypeReference<Map<String, Object>>() {}));
      }
    }
    return out;
  }
}
