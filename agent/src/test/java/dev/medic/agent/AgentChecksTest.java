package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.FilesSample;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.TcpSample;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks wired into the agent: {@code checks:} in a real {@code medic.yaml}, a real HTTP server on 127.0.0.1,
 * a short real agent run whose recorded sweeps carry the {@code check} facts of that server beside the network
 * facts of the host (its listener among them); and a bad check refused with its position.
 */
class AgentChecksTest {

  @Test
  void aShortRunRecordsCheckFactsBesideTheNetworkFacts(@TempDir Path tmp) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/health", x -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    int port = server.getAddress().getPort();
    List<Fact> recorded = new CopyOnWriteArrayList<>();
    FactRecorder recorder = new FactRecorder() {
      @Override
      public Path file() {
        return tmp.resolve("rec.jsonl");
      }

      @Override
      public void write(List<Fact> sweep) {
        recorded.addAll(sweep);
      }

      @Override
      public void close() {}
    };
    try {
      Path file = tmp.resolve("medic.yaml");
      Files.writeString(file, String.join("\n",
          "runbooks: [" + Path.of("../runbooks").toAbsolutePath() + "]",
          "stateDir: " + tmp.resolve("state"),
          "interval: 200ms",
          "checks:",
          "  - name: api",
          "    kind: http",
          "    url: http://127.0.0.1:" + port + "/health",
          "    interval: 500ms",
          "    timeout: 400ms",
          ""));
      MedicConfig config = MedicConfig.load(file);
      assertEquals(1, config.checks().specs().size());
      CompiledRunbooks pack = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
      try (Agent agent = new Agent(config, pack, Optional.of(recorder), null)) {
        // the first attempts may run cold (JIT, class loading) on a loaded machine: wait for one that worked
        for (int i = 0; i < 200 && recorded.stream().noneMatch(f -> f instanceof CheckSample c && c.ok()); i++) {
          Thread.sleep(100);
        }
        assertTrue(agent.metrics().registry().find("medic.checks.dropped").functionCounter() != null);
      }
    } finally {
      server.stop(0);
    }
    CheckSample check = recorded.stream().filter(CheckSample.class::isInstance).map(CheckSample.class::cast)
        .filter(CheckSample::ok).findFirst().orElseThrow(() -> new AssertionError("no check fact in " + recorded.size() + " facts"));
    assertEquals("api", check.name());
    assertEquals(Boolean.TRUE, check.ok(), check.toString());
    assertEquals(200, check.status());
    assertEquals("host", check.netns());
    assertTrue(recorded.stream().anyMatch(f -> f instanceof ListenerSample l && l.port() == port
        && l.netns().equals("host") && l.backlog() != null), "the server's listener, with its backlog");
    assertTrue(recorded.stream().anyMatch(TcpSample.class::isInstance));
    assertTrue(recorded.stream().anyMatch(FilesSample.class::isInstance));
  }

  @Test
  void aBadCheckIsAConfigErrorWithItsPosition(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("medic.yaml");
    Files.writeString(file, String.join("\n",
        "runbooks: []",
        "checks:",
        "  - name: db",
        "    kind: tcp",
        "    host: 127.0.0.1",
        "    port: 99999",
        ""));
    MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class, () -> MedicConfig.load(file));
    assertTrue(e.getMessage().startsWith(file + ":6:"), e.getMessage());
    assertTrue(e.getMessage().contains("port"), e.getMessage());
  }
}
