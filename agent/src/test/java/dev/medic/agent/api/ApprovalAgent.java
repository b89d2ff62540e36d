package dev.medic.agent.api;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A real agent in enforce mode on an approved host, with a runbook that requires approval to raise the
 * oom_score_adj of real child processes (copies of sleep under unique names), and its API on a free port of
 * 127.0.0.1. Closing it stops the agent and kills the children it started, in every outcome.
 */
final class ApprovalAgent implements AutoCloseable {

  final Path dir;
  final List<Process> children = new ArrayList<>();
  final List<String> comms = new ArrayList<>();
  final Path tokenFile;
  Agent agent;
  String base;
  String token;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();

  ApprovalAgent(Path dir, int processes) throws IOException {
    this.dir = dir;
    this.tokenFile = dir.resolve("state").resolve("api.token");
    String tag = Integer.toString(new Random().nextInt(1 << 24), 36);
    for (int i = 0; i < processes; i++) {
      String comm = "mdt" + tag + "x" + i; // comm is 15 characters at most
      Path bin = dir.resolve(comm);
      Files.copy(Path.of("/bin/sleep"), bin, StandardCopyOption.COPY_ATTRIBUTES);
      comms.add(comm);
      children.add(new ProcessBuilder(bin.toString(), "600").start());
    }
  }

  /** Writes the runbook and starts the agent. */
  ApprovalAgent start(Duration ttl, int requestsPerSecond) throws Exception {
    Path runbook = dir.resolve("approve-me.yaml");
    Files.writeString(runbook, String.join("\n",
        "id: approve-me",
        "title: A test process waits for a person",
        "severity: warning",
        "when: {fact: process, where: ['comm in [" + String.join(", ", comms) + "]']}",
        "target: matched_process",
        "steps:",
        "  - capture_identity",
        "remediate:",
        "  - set_oom_score_adj: {value: 700}",
        "guards: {requireApproval: true, cooldown: 1h}",
        "summary: \"{{process.comm}} (pid {{process.pid}}) asks for a higher oom_score_adj\"",
        ""));
    ApiSettings api = new ApiSettings(true, "127.0.0.1", 0, Optional.empty(), Optional.empty(),
        Optional.of(tokenFile), List.of(), ttl, requestsPerSecond);
    MedicConfig config = new MedicConfig(Mode.ENFORCE, true, Duration.ofMillis(200), List.of(runbook),
        dir.resolve("state"), Path.of("/"), 10, Duration.ofSeconds(10), GateSettings.DEFAULT_PROTECTED,
        java.util.Set.of(), Duration.ofMillis(200), Map.of()).withApi(api);
    CompiledRunbooks pack = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
    agent = new Agent(config, pack, Optional.empty(), null);
    base = "http://127.0.0.1:" + agent.apiPort().orElseThrow();
    token = Files.readString(tokenFile).trim();
    return this;
  }

  long pid(int i) {
    return children.get(i).pid();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String auth, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException {
    try {
      if (agent != null) {
        agent.close();
      }
    } finally {
      children.forEach(Process::destroyForcibly);
    }
  }
}
