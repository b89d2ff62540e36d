package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.fleet.AgentStatus;
import dev.medic.fleet.FleetIncident;
import dev.medic.fleet.FleetLimits;
import dev.medic.fleet.FleetSettings;
import dev.medic.fleet.zk.ZkFleetCoordinator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medic fleet} against a real in-process ZooKeeper server with a real agent-side coordinator in it. */
class FleetCommandTest {

  @TempDir Path tmp;

  @Test
  void listsLiveAgentsAndTheIncidentsOfHostsThatWentAway() throws Exception {
    try (TestingServer zk = new TestingServer(true)) {
      String chroot = "/medic-t-cli" + System.nanoTime();
      Path config = tmp.resolve("medic.yaml");
      Files.writeString(config, "runbooks: [runbooks]\nfleet:\n  connect: " + zk.getConnectString()
          + "\n  chroot: " + chroot + "\n  host: viewer\n");
      FleetSettings web1 = new FleetSettings(zk.getConnectString(), chroot, Duration.ofSeconds(10),
          Duration.ofSeconds(5), "web-1", Map.of("service", "api"), new FleetLimits("service", 1, Optional.empty()),
          Set.of(), Set.of());
      FleetSettings web2 = new FleetSettings(web1.connect(), chroot, web1.sessionTimeout(), web1.connectTimeout(),
          "web-2", web1.groups(), web1.limits(), Set.of(), Set.of());
      try (ZkFleetCoordinator a = ZkFleetCoordinator.start(web1, "enforce")) {
        a.publish(new AgentStatus("web-1", "enforce", Map.of("service", "api"), 1, 1, 0));
        ZkFleetCoordinator b = ZkFleetCoordinator.start(web2, "advise");
        b.incident(new FleetIncident("web-2", "memory-hog-20260101T000000.000Z-7", "memory-hog", "open", 1, 0));
        b.close();
        Thread.sleep(500); // the status write is asynchronous
        CliRun text = CliRun.of("fleet", "-c", config.toString());
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().contains("web-1"), text.toString());
        assertTrue(text.out().contains("web-2 (gone)"), "an incident outlives its agent: " + text);
        assertTrue(text.out().contains("1 live agent(s), 1 open incident(s), 1 pending approval(s)"), text.toString());
        CliRun json = CliRun.of("fleet", "-c", config.toString(), "--json");
        assertTrue(json.out().startsWith("{\"agents\":[{\"host\":\"web-1\",\"mode\":\"enforce\""), json.toString());
      }
    }
  }

  @Test
  void aConfigWithoutAFleetIsOneLine() throws Exception {
    Path config = tmp.resolve("medic.yaml");
    Files.writeString(config, "runbooks: [runbooks]\n");
    CliRun r = CliRun.of("fleet", "-c", config.toString());
    assertEquals(1, r.code());
    assertEquals("medic fleet: " + config + " has no fleet: section (Medic runs alone)\n", r.err());
  }
}
