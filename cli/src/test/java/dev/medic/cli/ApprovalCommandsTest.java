package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.agent.api.ApiSettings;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code medic status}, {@code incidents}, {@code pending}, {@code approve} and {@code deny} against a real agent's
 * API: an approval of a real child process listed, approved from the command line and carried out; a replayed
 * approve, a missing token and an agent that is not running are each one clear line and exit 1.
 */
class ApprovalCommandsTest {

  @Test
  void theCommandsApproveARealActionThroughTheApi(@TempDir Path tmp) throws Exception {
    String comm = "mdc" + Integer.toString(new Random().nextInt(1 << 24), 36);
    Path bin = tmp.resolve(comm);
    Files.copy(Path.of("/bin/sleep"), bin, StandardCopyOption.COPY_ATTRIBUTES);
    Process child = new ProcessBuilder(bin.toString(), "600").start();
    Path runbook = tmp.resolve("approve-me.yaml");
    Files.writeString(runbook, "id: approve-me\ntitle: t\nseverity: warning\n"
        + "when: {fact: process, where: [comm == " + comm + "]}\ntarget: matched_process\n"
        + "remediate:\n  - set_oom_score_adj: {value: 600}\nguards: {requireApproval: true, cooldown: 1h}\n"
        + "summary: \"{{process.comm}} waits\"\n");
    Path token = tmp.resolve("state/api.token");
    ApiSettings api = new ApiSettings(true, "127.0.0.1", 0, Optional.empty(), Optional.empty(), Optional.of(token),
        List.of(), Duration.ofMinutes(10), 1000);
    MedicConfig config = new MedicConfig(Mode.ENFORCE, true, Duration.ofMillis(200), List.of(runbook),
        tmp.resolve("state"), Path.of("/"), 10, Duration.ofSeconds(10), GateSettings.DEFAULT_PROTECTED, Set.of(),
        Duration.ofMillis(200), Map.of()).withApi(api);
    try (Agent agent = new Agent(config, CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin()),
        Optional.empty(), null)) {
      String[] to = {"--url", "http://127.0.0.1:" + agent.apiPort().orElseThrow(), "--token-file", token.toString()};
      CliRun pending = null;
      for (int i = 0; i < 150; i++) {
        pending = CliRun.of(concat(new String[] {"pending"}, to));
        if (pending.out().startsWith("a-")) {
          break;
        }
        Thread.sleep(100);
      }
      assertEquals(MedicCli.OK, pending.code(), pending.toString());
      assertTrue(pending.out().contains("set_oom_score_adj {\"value\":\"600\"} on " + comm), pending.toString());
      String id = pending.out().substring(0, pending.out().indexOf(' '));

      CliRun status = CliRun.of(concat(new String[] {"status"}, to));
      assertTrue(status.out().contains("enforce mode (approved host)"), status.toString());
      assertTrue(status.out().contains("1 pending approval(s)"), status.toString());
      CliRun json = CliRun.of(concat(new String[] {"status", "--json"}, to));
      assertTrue(json.out().startsWith("{\"pid\":"), json.toString());
      CliRun list = CliRun.of(concat(new String[] {"incidents"}, to));
      assertTrue(list.out().contains("open") && list.out().contains(comm + " waits"), list.toString());

      CliRun approve = CliRun.of(concat(new String[] {"approve", id, "--as", "carol", "--reason", "cli test"}, to));
      assertEquals(MedicCli.OK, approve.code(), approve.toString());
      assertTrue(approve.out().contains("handed to the executor"), approve.toString());
      ActionEvent done = null;
      for (int i = 0; i < 150 && done == null; i++) {
        done = JournalReader.readAll(agent.journalFile()).events().stream()
            .filter(e -> e instanceof ActionEvent a && a.action().equals("set_oom_score_adj"))
            .map(e -> (ActionEvent) e).findFirst().orElse(null);
        Thread.sleep(100);
      }
      assertEquals("ok", done.status(), String.valueOf(done));
      assertEquals("600", Files.readString(Path.of("/proc/" + child.pid() + "/oom_score_adj")).trim());
      String incident = done.incident();
      CliRun one = CliRun.of(concat(new String[] {"incidents", incident}, to));
      assertTrue(one.out().contains("approval " + id + " consumed"), one.toString());

      CliRun again = CliRun.of(concat(new String[] {"approve", id, "--as", "carol"}, to));
      assertEquals(MedicCli.FAILED, again.code(), again.toString());
      assertEquals(List.of("medic approve: approval " + id + " is consumed, not pending: nothing changed"),
          again.err().lines().toList());
      CliRun noToken = CliRun.of("deny", id, "--reason", "x", "--url", to[1], "--token-file",
          tmp.resolve("missing").toString());
      assertEquals(MedicCli.FAILED, noToken.code(), noToken.toString());
      assertTrue(noToken.err().contains("no API token file"), noToken.toString());
    } finally {
      child.destroyForcibly();
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRun down = CliRun.of("status", "--url", "http://127.0.0.1:" + closed);
    assertEquals(MedicCli.FAILED, down.code(), down.toString());
    assertEquals(1, down.err().lines().count(), down.toString());
    assertTrue(down.err().contains("no agent answering at http://127.0.0.1:" + closed), down.toString());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
