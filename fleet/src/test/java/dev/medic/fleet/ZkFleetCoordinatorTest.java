package dev.medic.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.fleet.zk.ZkFleetCoordinator;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The ZooKeeper coordinator against a real in-process ZooKeeper server (Curator's TestingServer). */
class ZkFleetCoordinatorTest extends OneServer {

  private Members members() {
    members = new Members(server.getConnectString());
    return members;
  }

  @Test
  void atMostMaxHostsHoldAtOnceAndAFreedPermitGoesToTheNext() {
    Members m = members();
    ZkFleetCoordinator a = m.agent("a", "api");
    ZkFleetCoordinator b = m.agent("b", "api");
    ZkFleetCoordinator c = m.agent("c", "api");
    Grant ga = a.acquire(Members.request("i-a", 2));
    Grant gb = b.acquire(Members.request("i-b", 2));
    Grant gc = c.acquire(Members.request("i-c", 2));
    assertInstanceOf(Grant.Granted.class, ga);
    assertEquals(2, assertInstanceOf(Grant.Granted.class, gb).holders());
    Grant.Refused refused = assertInstanceOf(Grant.Refused.class, gc);
    assertTrue(refused.reason().contains("2 of at most 2 hosts of service=api"), refused.reason());
    a.release(((Grant.Granted) ga).permit());
    Grant again = c.acquire(Members.request("i-c", 2));
    Permit pc = assertInstanceOf(Grant.Granted.class, again).permit();
    assertTrue(pc.token() > ((Grant.Granted) gb).permit().token(), "fencing tokens grow with every grant");
  }

  @Test
  void otherGroupsAndScopesCountApart() {
    Members m = members();
    ZkFleetCoordinator a = m.agent("a", "api");
    ZkFleetCoordinator b = m.agent("b", "db");
    assertInstanceOf(Grant.Granted.class, a.acquire(Members.request("i-a", 1)));
    assertInstanceOf(Grant.Granted.class, b.acquire(Members.request("i-b", 1)), "another service's slot");
    assertInstanceOf(Grant.Granted.class, a.acquire(Members.request("i-a2", 1)), "one host counts once");
  }

  @Test
  void theHourlyShareCountsGrantsOnTheEnsemblesClock() {
    Members m = members();
    ZkFleetCoordinator[] agents = {m.agent("a", "api"), m.agent("b", "api"), m.agent("c", "api"),
        m.agent("d", "api")};
    PermitRequest half = new PermitRequest("service", "restart-hog", 4, Optional.of(0.5), false, "i");
    long before = System.currentTimeMillis();
    for (int i = 0; i < 2; i++) {
      Permit p = assertInstanceOf(Grant.Granted.class, agents[i].acquire(half)).permit();
      assertTrue(Math.abs(p.serverAt() - before) < 60_000, "the ensemble's time of the grant: " + p.serverAt());
      agents[i].release(p);
    }
    Grant.Refused third = assertInstanceOf(Grant.Refused.class, agents[2].acquire(half));
    assertTrue(third.reason().contains("maxSharePerHour 50% of 4 live hosts"), third.reason());
  }

  @Test
  void aDurablePermitOutlivesTheSessionUntilGivenBack() throws Exception {
    Members m = members();
    ZkFleetCoordinator a = m.agent("a", "api");
    PermitRequest reboot = new PermitRequest("service", "restart-hog", 1, Optional.empty(), true, "i-reboot");
    Permit p = assertInstanceOf(Grant.Granted.class, a.acquire(reboot)).permit();
    assertTrue(p.durable());
    a.close(); // the host goes down for its reboot
    ZkFleetCoordinator b = m.agent("b", "api");
    assertInstanceOf(Grant.Refused.class, b.acquire(Members.request("i-b", 1)), "the rebooting host still counts");
    ZkFleetCoordinator back = m.agent("a", "api");
    assertEquals(1, back.durablePermits().size(), "found again after the restart");
    back.release(back.durablePermits().get(0));
    assertTrue(back.durablePermits().isEmpty());
    assertInstanceOf(Grant.Granted.class, b.acquire(Members.request("i-b", 1)));
  }

  @Test
  void aCoordinatorUnreachableAtStartFailsClosed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    FleetSettings s = Members.settings("127.0.0.1:" + port, "/medic-t-none", "a", Map.of("service", "api"),
        Duration.ofSeconds(10));
    FleetSettings quick = new FleetSettings(s.connect(), s.chroot(), s.sessionTimeout(), Duration.ofMillis(500),
        s.host(), s.groups(), s.limits(), s.durableActions(), s.criticalUnits());
    try (Members m = new Members(s.connect())) {
      ZkFleetCoordinator a = m.agent(quick);
      assertFalse(a.health().usable());
      Grant.Unavailable g = assertInstanceOf(Grant.Unavailable.class, a.acquire(Members.request("i", 5)));
      assertTrue(g.reason().contains("not reached"), g.reason());
    }
  }

  @Test
  void aSuspendedSessionGrantsAndConfirmsNothing() throws Exception {
    try (TestingServer own = new TestingServer(true); Members m = new Members(own.getConnectString())) {
      ZkFleetCoordinator a = m.agent("a", "api");
      Permit p = assertInstanceOf(Grant.Granted.class, a.acquire(Members.request("i", 2))).permit();
      assertEquals(Optional.empty(), a.confirm(p, Duration.ofSeconds(1)));
      own.stop();
      assertTrue(Members.eventually(15_000, () -> !a.health().usable()), "suspended after the server went away");
      assertInstanceOf(Grant.Unavailable.class, a.acquire(Members.request("i2", 2)));
      assertTrue(a.confirm(p, Duration.ofSeconds(1)).isPresent(), "no step starts on a suspended session");
      own.restart();
      assertTrue(Members.eventually(15_000, () -> a.health().usable()), "reconnected");
      assertEquals(Optional.empty(), a.confirm(p, Duration.ofSeconds(1)), "same session: the permit still holds");
    }
  }

  @Test
  void aStepThatCouldOutlastTheSessionDoesNotStart() {
    Members m = members();
    ZkFleetCoordinator a = m.agent("a", "api");
    Permit p = assertInstanceOf(Grant.Granted.class, a.acquire(Members.request("i", 1))).permit();
    long timeout = a.health().sessionTimeoutMs();
    assertTrue(timeout > 0);
    Optional<String> veto = a.confirm(p, Duration.ofMillis(timeout + 1000));
    assertTrue(veto.orElse("").contains("could outlast the session"), veto.toString());
    assertEquals(Optional.empty(), a.confirm(p, Duration.ofMillis(100)));
    a.release(p);
    assertTrue(a.confirm(p, Duration.ofMillis(100)).orElse("").contains("gone"), "a released permit is gone");
  }

  @Test
  void theViewListsLiveAgentsAndIncidentsOutliveTheirAgent() throws Exception {
    Members m = members();
    ZkFleetCoordinator a = m.agent("a", "api");
    ZkFleetCoordinator b = m.agent("b", "api");
    a.publish(new AgentStatus("a", "enforce", Map.of("service", "api"), 1, 1, 0));
    a.incident(new FleetIncident("a", "restart-hog-20260101T000000.000Z-42", "restart-hog", "open", 1, 0));
    assertTrue(Members.eventually(5_000, () -> b.agents().stream().anyMatch(s -> s.host().equals("a")
        && s.pendingApprovals() == 1)), b.agents().toString());
    a.close();
    assertTrue(Members.eventually(15_000, () -> b.agents().stream().noneMatch(s -> s.host().equals("a"))),
        "a closed agent leaves the live view");
    assertEquals(1, b.incidents().size(), "its incident stays");
    assertEquals("restart-hog-20260101T000000.000Z-42", b.incidents().get(0).incident());
  }
}
