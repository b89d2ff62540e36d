package dev.medic.engine.approval;

import dev.medic.engine.approval.Approval.State;
import dev.medic.engine.gate.GatePipeline;
import dev.medic.engine.journal.ApprovalConsumedEvent;
import dev.medic.engine.journal.ApprovalDeniedEvent;
import dev.medic.engine.journal.ApprovalExpiredEvent;
import dev.medic.engine.journal.ApprovalGrantedEvent;
import dev.medic.engine.journal.ApprovalRequestedEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pending approvals of one agent, and what became of the others. One approval per (incident, action): it
 * approves exactly that plan's action, expires after its time to live, and an approved action goes through every
 * other gate again before the caller carries it out. Every change is journalled; the constructor rebuilds the book
 * from those journal lines, so a restart loses no pending approval and never carries out a used one again.
 *
 * <p>Time is passed in ({@code now}, epoch milliseconds), never read here. Thread-safe: the engine requests on its
 * thread, the API approves on another.
 */
public final class ApprovalBook {

  /** How long an approval waits by default. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  /** Decided approvals are remembered this long (the API answers 409, not 404, for a replayed approval). */
  static final long KEEP_DECIDED_MS = Duration.ofDays(1).toMillis();

  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final Duration ttl;
  private final Journal journal;
  private final Map<String, Approval> approvals = new LinkedHashMap<>();
  private final Map<String, ApprovalRequestedEvent> requests = new LinkedHashMap<>();
  /** Approvals carried out, oldest first: the recheck's cooldown and rate limit. */
  private final List<Carried> carried = new ArrayList<>();

  private record Carried(String runbook, String scope, String action, long at) {}

  /** An empty book. */
  public ApprovalBook(Duration ttl, Journal journal) {
    this(ttl, journal, List.of());
  }

  /**
   * A book rebuilt from the journal's approval events ({@code approval_*}, in journal order; other events are
   * ignored). Nothing is journalled while rebuilding; approvals past their time are expired (and journalled) by the
   * next {@link #expire}.
   */
  public ApprovalBook(Duration ttl, Journal journal, Iterable<? extends JournalEvent> history) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("an approval's time to live must be positive, not " + ttl);
    }
    this.ttl = ttl;
    this.journal = journal;
    history.forEach(this::apply);
  }

  /** The id of the approval for one action of one incident: stable, so a replayed request finds the same one. */
  public static String idOf(String incident, String action) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((incident + "\n" + action).getBytes(StandardCharsets.UTF_8));
      return "a-" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /** Opens a pending approval for a proposed action (nothing when that incident's action already has one). */
  public synchronized Approval request(Plan plan, PlannedAction action, long now) {
    String id = idOf(plan.incident(), action.action());
    Approval known = approvals.get(id);
    if (known != null) {
      return known;
    }
    ApprovalRequestedEvent e = new ApprovalRequestedEvent(now, id, plan.timestamp(), plan.incident(), plan.runbook(),
        plan.scope(), plan.target().pid(), plan.target().ppid(), plan.target().comm(), plan.target().startTime(),
        action.action(), action.params(), now + ttl.toMillis(), plan.guards().cooldown().toMillis(),
        plan.guards().maxPerHour().orElse(null), plan.mode().orElse(null));
    journal.write(e);
    apply(e);
    return approvals.get(id);
  }

  /** The pending approvals, oldest first, after expiring those past their time. */
  public synchronized List<Approval> pending(long now) {
    expire(now);
    return approvals.values().stream().filter(a -> a.state() == State.PENDING).toList();
  }

  /** Every approval the book remembers, oldest first. */
  public synchronized List<Approval> all() {
    return List.copyOf(approvals.values());
  }

  public synchronized Optional<Approval> find(String id) {
    return Optional.ofNullable(approvals.get(id));
  }

  /** Expires (and journals) every pending approval past its time; forgets approvals decided long ago. */
  public synchronized void expire(long now) {
    for (Approval a : List.copyOf(approvals.values())) {
      if (a.state() == State.PENDING && now >= a.expiresAt()) {
        record(new ApprovalExpiredEvent(now, a.id(), a.incident(), a.action()));
      } else if (a.state() != State.PENDING && a.decidedAt() < now - KEEP_DECIDED_MS) {
        approvals.remove(a.id());
        requests.remove(a.id());
      }
    }
    carried.removeIf(c -> c.at() < now - Math.max(HOUR_MS, KEEP_DECIDED_MS));
  }

  /**
   * Approves one pending approval: journals the grant, checks the action again with {@code others} (protected
   * target, mode, approved host, as configured now) and with the runbook's cooldown and rate limit over the
   * approvals already carried out, and journals the result. Only a {@link Outcome.Carry} may be carried out.
   */
  public synchronized Outcome approve(String id, String approver, String reason, long now, GatePipeline others) {
    Optional<Outcome> refused = refuse(id, now);
    if (refused.isPresent()) {
      return refused.get();
    }
    ApprovalRequestedEvent req = requests.get(id);
    Approval a = approvals.get(id);
    record(new ApprovalGrantedEvent(now, id, a.incident(), a.action(), approver, reason));
    Plan plan = RequestedPlan.of(req);
    PlannedAction action = plan.actions().get(0);
    Decision d = limits(req, now).orElseGet(() -> others.decide(plan, action));
    record(new ApprovalConsumedEvent(now, id, a.incident(), a.action(), d.verdict().word(), d.gate(), d.reason()));
    Approval used = approvals.get(id);
    return d.verdict() == Decision.Verdict.RUN ? new Outcome.Carry(used, plan, action, d)
        : new Outcome.Stopped(used, d);
  }

  /** Denies one pending approval for good. */
  public synchronized Outcome deny(String id, String approver, String reason, long now) {
    Optional<Outcome> refused = refuse(id, now);
    if (refused.isPresent()) {
      return refused.get();
    }
    Approval a = approvals.get(id);
    record(new ApprovalDeniedEvent(now, id, a.incident(), a.action(), approver, reason));
    return new Outcome.Denied(approvals.get(id));
  }

  /** Unknown, or no longer pending (expiring it first when its time is up): why nothing may change. */
  private Optional<Outcome> refuse(String id, long now) {
    Approval a = approvals.get(id);
    if (a == null) {
      return Optional.of(new Outcome.Unknown(id));
    }
    if (a.state() == State.PENDING && now >= a.expiresAt()) {
      record(new ApprovalExpiredEvent(now, id, a.incident(), a.action()));
    }
    Approval current = approvals.get(id);
    return current.state() == State.PENDING ? Optional.empty() : Optional.of(new Outcome.NotPending(current));
  }

  /** The runbook's cooldown and maxPerHour over the approvals carried out before now. */
  private Optional<Decision> limits(ApprovalRequestedEvent r, long now) {
    for (Carried c : carried) {
      if (c.runbook().equals(r.runbook()) && c.scope().equals(r.scope()) && c.action().equals(r.action())
          && c.at() > now - r.cooldownMs()) {
        return Optional.of(stop(r, "cooldown", r.action() + " was carried out on " + r.scope() + " "
            + (now - c.at()) / 1000 + "s ago (cooldown " + r.cooldownMs() / 1000 + "s)"));
      }
    }
    if (r.maxPerHour() != null) {
      long inHour = carried.stream().filter(c -> c.runbook().equals(r.runbook()) && c.at() > now - HOUR_MS).count();
      if (inHour >= r.maxPerHour()) {
        return Optional.of(stop(r, "rate-limit", "runbook " + r.runbook() + " already had " + r.maxPerHour()
            + " approved action(s) carried out in the last hour (maxPerHour)"));
      }
    }
    return Optional.empty();
  }

  private static Decision stop(ApprovalRequestedEvent r, String gate, String why) {
    return new Decision(r.ts(), r.incident(), r.runbook(), r.pid(), r.comm(), r.action(), Decision.Verdict.DENIED,
        gate, why);
  }

  private void record(JournalEvent e) {
    journal.write(e);
    apply(e);
  }

  /** One journal event's effect on the book: the only place state changes, live and when rebuilding. */
  private void apply(JournalEvent event) {
    if (event instanceof ApprovalRequestedEvent r) {
      if (!approvals.containsKey(r.id())) {
        requests.put(r.id(), r);
        approvals.put(r.id(), new Approval(r.id(), r.incident(), r.runbook(), r.scope(), r.pid(), r.comm(),
            r.action(), r.params(), r.at(), r.expiresAt(), State.PENDING, "", "", 0));
      }
    } else if (event instanceof ApprovalGrantedEvent g) {
      change(g.id(), State.GRANTED, g.approver(), g.reason(), g.at());
    } else if (event instanceof ApprovalConsumedEvent c) {
      Approval a = approvals.get(c.id());
      if (a != null) {
        approvals.put(c.id(), a.with(State.CONSUMED, a.by(), c.verdict().equals("run") ? a.reason() : c.reason(),
            c.at()));
        if (c.verdict().equals("run")) {
          carried.add(new Carried(a.runbook(), a.scope(), a.action(), c.at()));
        }
      }
    } else if (event instanceof ApprovalDeniedEvent d) {
      change(d.id(), State.DENIED, d.approver(), d.reason(), d.at());
    } else if (event instanceof ApprovalExpiredEvent x) {
      change(x.id(), State.EXPIRED, "", "", x.at());
    }
  }

  private void change(String id, State state, String by, String reason, long at) {
    Approval a = approvals.get(id);
    if (a != null) {
      approvals.put(id, a.with(state, by, reason, at));
    }
  }
}
