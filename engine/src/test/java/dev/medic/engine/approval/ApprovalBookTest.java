package dev.medic.engine.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.approval.Approval.State;
import dev.medic.engine.gate.GatePipeline;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.ApprovalConsumedEvent;
import dev.medic.engine.journal.ApprovalExpiredEvent;
import dev.medic.engine.journal.ApprovalRequestedEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.runbook.Guards;
import dev.medic.engine.runbook.Severity;
import dev.medic.probes.facts.ProcessSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The approval book's life cycle on an explicit clock, and its rebuild from the lines it journalled. */
class ApprovalBookTest {

  static final long T0 = 1_767_225_600_000L;
  static final Duration TTL = Duration.ofMinutes(30);
  static final GatePipeline ENFORCE =
      new GateSettings(Mode.ENFORCE, true, GateSettings.DEFAULT_PROTECTED, Set.of()).recheck(99_999);

  final MemoryJournal journal = new MemoryJournal();
  final ApprovalBook book = new ApprovalBook(TTL, journal);

  static Plan plan(int pid, String comm, long ts, Guards guards) {
    ProcessSample target = new ProcessSample(ts, pid, 1, comm, comm + " --serve", 1000, "S", 1 << 20, null, null,
        null, null, null, null, false, ts - 60_000, null, null, null, null, null, null);
    return new Plan("hung-" + ts + "-" + pid, "hung", "hung#0", ts, Severity.WARNING, "process " + pid, target,
        List.of("stuck"), "stuck", "", List.of(new PlannedAction("capture_identity", Map.of(), false),
            new PlannedAction("signal_process", Map.of("signal", "TERM"), true)), Optional.empty(), guards,
        List.of());
  }

  static Guards guards() {
    return new Guards(Duration.ofMinutes(10), Optional.of(5), true, false);
  }

  PlannedAction signal(Plan p) {
    return p.actions().get(1);
  }

  @Test
  void anApprovedActionIsCarriedOutOnceAndAReplayedApprovalChangesNothing() {
    Plan p = plan(4242, "worker", T0, guards());
    Approval a = book.request(p, signal(p), T0);
    assertEquals(State.PENDING, a.state());
    assertEquals(T0 + TTL.toMillis(), a.expiresAt());
    assertEquals(ApprovalBook.idOf(p.incident(), "signal_process"), a.id());
    assertEquals(a, book.request(p, signal(p), T0 + 5), "the same incident's action has one approval");
    assertEquals(List.of(a), book.pending(T0 + 10));

    Outcome o = book.approve(a.id(), "alice", "looks stuck", T0 + 1000, ENFORCE);
    Outcome.Carry carry = assertInstanceOf(Outcome.Carry.class, o);
    assertEquals("signal_process", carry.action().action());
    assertEquals(Map.of("signal", "TERM"), carry.action().params());
    assertEquals(4242, carry.plan().target().pid());
    assertEquals(T0 - 60_000, carry.plan().target().startTime());
    assertEquals(State.CONSUMED, carry.approval().state());
    assertEquals("alice", carry.approval().by());
    assertEquals(List.of(), book.pending(T0 + 2000));

    Outcome again = book.approve(a.id(), "alice", "", T0 + 3000, ENFORCE);
    assertEquals(State.CONSUMED, assertInstanceOf(Outcome.NotPending.class, again).approval().state());
    assertInstanceOf(Outcome.NotPending.class, book.deny(a.id(), "bob", "no", T0 + 3000));
    assertEquals(List.of("approval_requested", "approval_granted", "approval_consumed"),
        journal.events().stream().map(JournalEvent::type).toList());
  }

  @Test
  void unknownDeniedAndExpiredApprovalsAreNeverCarriedOut() {
    assertInstanceOf(Outcome.Unknown.class, book.approve("a-000000000000", "alice", "", T0, ENFORCE));
    Plan p1 = plan(10, "worker", T0, guards());
    Plan p2 = plan(11, "worker", T0, guards());
    Approval denied = book.request(p1, signal(p1), T0);
    Approval late = book.request(p2, signal(p2), T0);
    assertNotEquals(denied.id(), late.id());
    assertInstanceOf(Outcome.Denied.class, book.deny(denied.id(), "bob", "batch job", T0 + 10));
    assertInstanceOf(Outcome.NotPending.class, book.approve(denied.id(), "alice", "", T0 + 20, ENFORCE));

    Outcome expired = book.approve(late.id(), "alice", "", T0 + TTL.toMillis(), ENFORCE);
    assertEquals(State.EXPIRED, assertInstanceOf(Outcome.NotPending.class, expired).approval().state());
    assertTrue(journal.events().stream()
        .anyMatch(e -> e instanceof ApprovalExpiredEvent x && x.id().equals(late.id())));
    assertTrue(journal.events().stream().noneMatch(e -> e instanceof ApprovalConsumedEvent));
  }

  @Test
  void theSweepExpiresWhatNobodyDecided() {
    Plan p = plan(12, "worker", T0, guards());
    Approval a = book.request(p, signal(p), T0);
    book.expire(T0 + TTL.toMillis() - 1);
    assertEquals(State.PENDING, book.find(a.id()).orElseThrow().state());
    book.expire(T0 + TTL.toMillis());
    assertEquals(State.EXPIRED, book.find(a.id()).orElseThrow().state());
    assertEquals(List.of(), book.pending(T0 + TTL.toMillis()));
    assertEquals(1, journal.events().stream().filter(e -> e instanceof ApprovalExpiredEvent).count());
  }

  @Test
  void theOtherGatesAreCheckedAgainWhenItIsCarriedOut() {
    Plan p = plan(13, "worker", T0, guards());
    Approval a = book.request(p, signal(p), T0);
    GatePipeline advise = GateSettings.defaults().recheck(99_999); // the host went back to advise meanwhile
    Outcome.Stopped s = assertInstanceOf(Outcome.Stopped.class, book.approve(a.id(), "alice", "", T0 + 5, advise));
    assertEquals("mode", s.decision().gate());
    assertEquals(Decision.Verdict.PROPOSED, s.decision().verdict());
    assertEquals(State.CONSUMED, book.find(a.id()).orElseThrow().state(), "a stopped approval is used up");

    Plan sshd = plan(14, "sshd", T0, guards());
    Approval b = book.request(sshd, signal(sshd), T0);
    Outcome.Stopped prot = assertInstanceOf(Outcome.Stopped.class, book.approve(b.id(), "alice", "", T0, ENFORCE));
    assertEquals("protected-target", prot.decision().gate());
  }

  @Test
  void cooldownAndRateLimitCountTheApprovalsCarriedOut() {
    Guards g = new Guards(Duration.ofMinutes(10), Optional.of(2), true, false);
    Plan first = plan(20, "worker", T0, g);
    assertInstanceOf(Outcome.Carry.class,
        book.approve(book.request(first, signal(first), T0).id(), "alice", "", T0, ENFORCE));
    // the same scope again, a later incident, inside the cooldown
    Plan again = new Plan("hung-later-20", "hung", "hung#0", T0 + 60_000, Severity.WARNING, "process 20",
        first.target(), List.of(), "", "", first.actions(), Optional.empty(), g, List.of());
    Outcome.Stopped cool = assertInstanceOf(Outcome.Stopped.class,
        book.approve(book.request(again, signal(again), T0 + 60_000).id(), "alice", "", T0 + 60_000, ENFORCE));
    assertEquals("cooldown", cool.decision().gate());

    Plan second = plan(21, "worker", T0, g);
    assertInstanceOf(Outcome.Carry.class,
        book.approve(book.request(second, signal(second), T0).id(), "alice", "", T0 + 1, ENFORCE));
    Plan third = plan(22, "worker", T0, g);
    Outcome.Stopped rate = assertInstanceOf(Outcome.Stopped.class,
        book.approve(book.request(third, signal(third), T0).id(), "alice", "", T0 + 2, ENFORCE));
    assertEquals("rate-limit", rate.decision().gate());
  }

  @Test
  void aBookRebuiltFromTheJournalKeepsPendingAndUsedApprovals() {
    Plan p1 = plan(30, "worker", T0, guards());
    Plan p2 = plan(31, "worker", T0, guards());
    Approval used = book.request(p1, signal(p1), T0);
    Approval waiting = book.request(p2, signal(p2), T0);
    book.approve(used.id(), "alice", "ok", T0 + 5, ENFORCE);
    List<JournalEvent> lines = journal.events();

    MemoryJournal after = new MemoryJournal();
    ApprovalBook rebuilt = new ApprovalBook(TTL, after, lines);
    assertEquals(List.of(), after.events(), "rebuilding journals nothing");
    assertEquals(List.of(waiting), rebuilt.pending(T0 + 10));
    assertInstanceOf(Outcome.NotPending.class, rebuilt.approve(used.id(), "alice", "", T0 + 10, ENFORCE));
    Outcome.Carry c = assertInstanceOf(Outcome.Carry.class, rebuilt.approve(waiting.id(), "bob", "", T0 + 20,
        ENFORCE));
    ApprovalRequestedEvent req = (ApprovalRequestedEvent) lines.get(1);
    assertEquals(req.params(), c.action().params());
    assertEquals(book.all().get(0), rebuilt.all().get(0));
  }
}
