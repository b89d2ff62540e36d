package dev.medic.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.gate.Gate;
import dev.medic.engine.journal.FleetDeniedEvent;
import dev.medic.engine.journal.FleetGrantEvent;
import dev.medic.engine.journal.FleetReleaseEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.runbook.FleetGuard;
import dev.medic.fleet.zk.ZkFleetCoordinator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The fleet gate with real coordinators: grants journalled with their tokens, limits denied, failing closed. */
class FleetGateTest extends OneServer {

  private FleetGate gate(String host, MemoryJournal journal) {
    FleetSettings s = members.settings(host, "api", Duration.ofSeconds(10));
    ZkFleetCoordinator c = members.agent(s);
    return new FleetGate(c, s, journal, Duration.ofSeconds(2), System::currentTimeMillis);
  }

  private static <T extends JournalEvent> List<T> events(MemoryJournal j, Class<T> type) {
    return j.events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void aGrantIsJournalledWithItsTokenAndGivenBackAfterTheOutcome() {
    members = new Members(server.getConnectString());
    MemoryJournal ja = Journal.inMemory();
    MemoryJournal jb = Journal.inMemory();
    FleetGate a = gate("a", ja);
    FleetGate b = gate("b", jb);
    Plan pa = Members.plan("restart-hog-1-a", "restart_unit", Optional.empty());
    Plan pb = Members.plan("restart-hog-1-b", "restart_unit", Optional.empty());
    PlannedAction capture = pa.actions().get(0);
    PlannedAction restart = pa.actions().get(1);
    assertEquals(Optional.empty(), a.check(pa, capture), "captures never ask the fleet");
    assertEquals(Optional.empty(), a.check(pa, restart));
    FleetGrantEvent grant = events(ja, FleetGrantEvent.class).get(0);
    assertTrue(grant.token() > 0);
    assertEquals("service=api", grant.group());
    Optional<Gate.Verdict> denied = b.check(pb, pb.actions().get(1));
    assertEquals(Decision.Verdict.DENIED, denied.orElseThrow().kind(), "maxHosts 1 by default");
    assertEquals("denied", events(jb, FleetDeniedEvent.class).get(0).outcome());
    assertEquals(Optional.empty(), a.beforeStart(pa, restart), "the permit still holds right before the step");
    a.finished(pa, restart, "ok");
    FleetReleaseEvent release = events(ja, FleetReleaseEvent.class).get(0);
    assertEquals(grant.token(), release.token());
    Plan pb2 = Members.plan("restart-hog-2-b", "restart_unit", Optional.empty());
    assertEquals(Optional.empty(), b.check(pb2, pb2.actions().get(1)), "the freed slot goes to b");
  }

  @Test
  void aRunbooksGuardSetsItsOwnLimit() {
    members = new Members(server.getConnectString());
    FleetGuard two = new FleetGuard("service", Optional.of(2), Optional.empty());
    FleetGate a = gate("a", Journal.inMemory());
    FleetGate b = gate("b", Journal.inMemory());
    Plan pa = Members.plan("restart-hog-1-a", "restart_unit", Optional.of(two));
    Plan pb = Members.plan("restart-hog-1-b", "restart_unit", Optional.of(two));
    assertEquals(Optional.empty(), a.check(pa, pa.actions().get(1)));
    assertEquals(Optional.empty(), b.check(pb, pb.actions().get(1)), "guards.fleet.maxHosts: 2");
  }

  @Test
  void aDurablePermitIsHeldUntilTheHostIsHealthy() {
    members = new Members(server.getConnectString());
    MemoryJournal ja = Journal.inMemory();
    FleetGate a = gate("a", ja);
    FleetGate b = gate("b", Journal.inMemory());
    Plan reboot = Members.plan("restart-hog-1-a", "reboot", Optional.empty());
    assertEquals(Optional.empty(), a.check(reboot, reboot.actions().get(1)));
    assertTrue(events(ja, FleetGrantEvent.class).get(0).durable());
    a.finished(reboot, reboot.actions().get(1), "ok");
    assertTrue(events(ja, FleetReleaseEvent.class).isEmpty(), "not given back at the outcome");
    Plan pb = Members.plan("restart-hog-1-b", "restart_unit", Optional.empty());
    assertEquals(Decision.Verdict.DENIED, b.check(pb, pb.actions().get(1)).orElseThrow().kind());
    a.healthy();
    assertEquals("host healthy again", events(ja, FleetReleaseEvent.class).get(0).reason());
    Plan pb2 = Members.plan("restart-hog-2-b", "restart_unit", Optional.empty());
    assertEquals(Optional.empty(), b.check(pb2, pb2.actions().get(1)));
  }

  @Test
  void withTheServerGoneTheGateProposesAndNothingStarts() throws Exception {
    try (TestingServer own = new TestingServer(true)) {
      members = new Members(own.getConnectString());
      MemoryJournal ja = Journal.inMemory();
      FleetGate a = gate("a", ja);
      Plan held = Members.plan("restart-hog-1-a", "restart_unit", Optional.empty());
      assertEquals(Optional.empty(), a.check(held, held.actions().get(1)));
      own.stop();
      ZkFleetCoordinator c = (ZkFleetCoordinator) members.lastAgent();
      assertTrue(Members.eventually(15_000, () -> !c.health().usable()));
      assertTrue(a.beforeStart(held, held.actions().get(1)).isPresent(), "a granted step does not start now");
      Plan next = Members.plan("restart-hog-2-a", "restart_unit", Optional.empty());
      Gate.Verdict v = a.check(next, next.actions().get(1)).orElseThrow();
      assertEquals(Decision.Verdict.PROPOSED, v.kind());
      assertTrue(v.reason().contains("fails closed"), v.reason());
      List<FleetDeniedEvent> denied = events(ja, FleetDeniedEvent.class);
      assertEquals(List.of("skipped", "proposed"), denied.stream().map(FleetDeniedEvent::outcome).toList());
    }
  }

  @Test
  void theJournalFeedsTheFleetViewAndIncidentsOutliveTheAgent() throws Exception {
    members = new Members(server.getConnectString());
    ZkFleetCoordinator a = members.agent("a", "api");
    ZkFleetCoordinator viewer = members.agent("viewer", "ops");
    FleetJournal j = new FleetJournal(Journal.discard(), a, java.util.Map.of("service", "api"), () -> "enforce");
    Plan p = Members.plan("restart-hog-1-a", "restart_unit", Optional.empty());
    j.write(dev.medic.engine.journal.PlanEvent.of(p));
    j.write(new dev.medic.engine.journal.DecisionEvent(1000, p.incident(), p.runbook(), 4242, "hog",
        "capture_identity", "run", "all", "read-only capture"));
    j.write(new dev.medic.engine.journal.DecisionEvent(1000, p.incident(), p.runbook(), 4242, "hog",
        "restart_unit", "proposed", "approval", "runbook restart-hog requires approval"));
    j.write(new dev.medic.engine.journal.ActionEvent(1000, 1200, p.incident(), p.runbook(), 4242,
        "capture_identity", "ok", "identity of pid 4242", List.of(), 12));
    assertTrue(Members.eventually(5_000, () -> viewer.incidents().size() == 1
        && viewer.agents().stream().anyMatch(s -> s.host().equals("a") && s.pendingApprovals() == 1)),
        viewer.agents() + " " + viewer.incidents());
    FleetIncident i = viewer.incidents().get(0);
    assertEquals("open", i.state());
    assertEquals(1, i.pending(), "the proposal waits for a person");
    j.close();
    a.close();
    assertEquals(1, viewer.incidents().size(), "the incident outlives its agent");
  }
}
