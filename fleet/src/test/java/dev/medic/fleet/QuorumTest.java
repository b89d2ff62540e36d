package dev.medic.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.gate.Gate;
import dev.medic.engine.journal.FleetReleaseEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.fleet.zk.ZkFleetCoordinator;
import dev.medic.fleet.zk.ZkFleetCoordinatorAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingZooKeeperServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three real quorum peers in this JVM: leader loss, quorum loss, session expiry. */
class QuorumTest {

  private TestingCluster cluster;
  private Members members;

  @BeforeEach
  void start() throws Exception {
    cluster = new TestingCluster(3);
    cluster.start();
    members = new Members(cluster.getConnectString());
  }

  @AfterEach
  void stop() throws Exception {
    try {
      members.close();
    } finally {
      cluster.close();
    }
  }

  /** The server that says {@code Mode: leader} to ZooKeeper's {@code srvr} command. */
  private InstanceSpec leader() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      for (TestingZooKeeperServer s : cluster.getServers()) {
        if (srvr(s.getInstanceSpec().getPort()).contains("Mode: leader")) {
          return s.getInstanceSpec();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no leader elected");
  }

  private static String srvr(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void leaderLossKeepsTheLimitAndGrantsResume() throws Exception {
    ZkFleetCoordinator a = members.agent("a", "api");
    ZkFleetCoordinator b = members.agent("b", "api");
    ZkFleetCoordinator c = members.agent("c", "api");
    Permit pa = assertInstanceOf(Grant.Granted.class, a.acquire(Members.request("i-a", 2))).permit();
    assertInstanceOf(Grant.Granted.class, b.acquire(Members.request("i-b", 2)));
    cluster.killServer(leader());
    List<Grant> duringElection = new ArrayList<>();
    assertTrue(Members.eventually(30_000, () -> {
      Grant g = c.acquire(Members.request("i-c", 2));
      duringElection.add(g);
      return g instanceof Grant.Refused; // answered by the new leader: both sessions survived the election
    }), duringElection.toString());
    assertTrue(duringElection.stream().noneMatch(g -> g instanceof Grant.Granted), "never a third holder");
    assertTrue(Members.eventually(15_000, () -> a.health().usable()));
    a.release(pa);
    assertTrue(Members.eventually(15_000, () -> c.acquire(Members.request("i-c", 2)) instanceof Grant.Granted));
  }

  @Test
  void quorumLossDropsTheAgentToAdvise() throws Exception {
    FleetSettings s = members.settings("a", "api", Duration.ofSeconds(10));
    ZkFleetCoordinator a = members.agent(s);
    MemoryJournal journal = Journal.inMemory();
    FleetGate gate = new FleetGate(a, s, journal, Duration.ofSeconds(2), System::currentTimeMillis);
    List<TestingZooKeeperServer> servers = new ArrayList<>(cluster.getServers());
    cluster.killServer(servers.get(0).getInstanceSpec());
    cluster.killServer(servers.get(1).getInstanceSpec());
    assertTrue(Members.eventually(20_000, () -> !a.health().usable()), "one server of three serves nobody");
    Plan plan = Members.plan("restart-hog-1-a", "restart_unit", Optional.empty());
    Gate.Verdict v = gate.check(plan, plan.actions().get(1)).orElseThrow();
    assertEquals(Decision.Verdict.PROPOSED, v.kind(), v.reason());
    cluster.restartServer(servers.get(0).getInstanceSpec());
    cluster.restartServer(servers.get(1).getInstanceSpec());
    assertTrue(Members.eventually(30_000, () -> a.health().usable()), "back after the quorum is");
    Plan next = Members.plan("restart-hog-2-a", "restart_unit", Optional.empty());
    assertEquals(Optional.empty(), gate.check(next, next.actions().get(1)));
  }

  @Test
  void anExpiredSessionLosesItsPermitAndStartsNothingUnderIt() throws Exception {
    FleetSettings s = members.settings("a", "api", Duration.ofSeconds(10));
    ZkFleetCoordinator a = members.agent(s);
    ZkFleetCoordinator b = members.agent("b", "api");
    MemoryJournal journal = Journal.inMemory();
    FleetGate gate = new FleetGate(a, s, journal, Duration.ofSeconds(2), System::currentTimeMillis);
    Plan plan = Members.plan("restart-hog-1-a", "restart_unit", Optional.empty());
    assertEquals(Optional.empty(), gate.check(plan, plan.actions().get(1)));
    ZkFleetCoordinatorAccess.zooKeeper(a).getTestable().injectSessionExpiration();
    assertTrue(Members.eventually(20_000, () -> journal.events().stream()
        .anyMatch(e -> e instanceof FleetReleaseEvent r && r.reason().startsWith("lost"))),
        journal.events().toString());
    assertTrue(gate.beforeStart(plan, plan.actions().get(1)).isPresent(), "nothing starts under a lost permit");
    assertTrue(Members.eventually(20_000,
        () -> b.acquire(Members.request("i-b", 1)) instanceof Grant.Granted), "the slot went with the session");
  }
}
