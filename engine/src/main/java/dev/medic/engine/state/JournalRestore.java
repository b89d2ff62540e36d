package dev.medic.engine.state;

import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.session.Fired;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds an engine's memory from its journal: a pure function of the events (in journal order), the runbooks
 * and the restore time, with no clock and no file access, so it is tested on event lists and gives the same state
 * for the same journal. Feed events with {@link #accept} (the agent streams every rotated file through it) and
 * take {@link #state}; or call {@link #restore} on a list.
 *
 * <ul>
 *   <li><b>Cooldowns:</b> each plan leaves a {@link Fired} marker for its rule and entity, kept while its
 *       runbook's cooldown has not passed at the restore time; the latest plan of a rule and entity wins.
 *   <li><b>Rate limits ({@code maxPerHour}):</b> a plan counts when the rate-limit gate admitted it, that is when
 *       one of its decisions was made by a gate after it (a plan stopped whole by the protected-target gate or by
 *       the rate limit itself did not count); only plans of the last hour are kept.
 *   <li><b>Pending approvals:</b> a decision {@code proposed} by the {@code approval} gate, not older than the
 *       approval TTL. (Approval and denial events of the HTTP API resolve them: add their branch to
 *       {@link #accept}.)
 * </ul>
 */
public final class JournalRestore {

  /** How long a pending approval is kept by default: StackStorm's inquiry TTL (1440 minutes). */
  public static final Duration DEFAULT_APPROVAL_TTL = Duration.ofDays(1);

  static final String PROTECTED_GATE = "protected-target";
  static final String RATE_GATE = "rate-limit";
  static final String APPROVAL_GATE = "approval";
  static final Duration RATE_WINDOW = Duration.ofHours(1);

  private final Map<String, Runbook> runbooks = new HashMap<>();
  private final long now;
  private final Duration approvalTtl;
  private final Map<String, Fired> fired = new LinkedHashMap<>();
  private final Map<String, List<Long>> rateLimited = new LinkedHashMap<>();
  private final PendingApprovals pending = new PendingApprovals();
  private PlanEvent current;
  private boolean counted;

  public JournalRestore(List<Runbook> runbooks, long now, Duration approvalTtl) {
    runbooks.forEach(rb -> this.runbooks.put(rb.id(), rb));
    this.now = now;
    this.approvalTtl = approvalTtl;
  }

  /** The state a journal's events leave, at {@code now}, with the default approval TTL. */
  public static RestoredState restore(Iterable<? extends JournalEvent> events, List<Runbook> runbooks, long now) {
    JournalRestore r = new JournalRestore(runbooks, now, DEFAULT_APPROVAL_TTL);
    events.forEach(r::accept);
    return r.state();
  }

  /** Takes the next event of the journal, in order. */
  public void accept(JournalEvent event) {
    if (event instanceof PlanEvent p) {
      current = p;
      counted = false;
      marker(p).ifPresent(f -> {
        fired.remove(f.rule() + "\n" + f.key()); // re-insert: the map keeps the order of the latest plans
        fired.put(f.rule() + "\n" + f.key(), f);
      });
    } else if (event instanceof DecisionEvent d && current != null && current.incident().equals(d.incident())) {
      decision(d);
    }
  }

  /** What the events so far leave at the restore time. */
  public RestoredState state() {
    Map<String, List<Long>> rates = new LinkedHashMap<>();
    rateLimited.forEach((rb, times) -> {
      List<Long> recent = times.stream().filter(t -> t > now - RATE_WINDOW.toMillis()).toList();
      if (!recent.isEmpty()) {
        rates.put(rb, recent);
      }
    });
    List<PendingApproval> waiting = pending.list().stream()
        .filter(p -> p.ts() > now - approvalTtl.toMillis()).toList();
    return new RestoredState(List.copyOf(fired.values()), rates, waiting);
  }

  private void decision(DecisionEvent d) {
    if (!counted && !d.gate().equals(PROTECTED_GATE) && !d.gate().equals(RATE_GATE)) {
      counted = true; // the rate limit admitted this plan (it decides a plan once, for all its actions)
      rateLimited.computeIfAbsent(d.runbook(), r -> new ArrayList<>()).add(d.ts());
    }
    if (d.verdict().equals(Decision.Verdict.PROPOSED.word()) && d.gate().equals(APPROVAL_GATE)) {
      pending.add(new PendingApproval(d.ts(), d.incident(), d.runbook(), current.rule(), d.pid(), d.comm(),
          d.action(), current.scope(), current.summary(), d.reason()));
    }
  }

  /** The cooldown marker a plan left, if its runbook is still loaded and its cooldown has not passed. */
  private Optional<Fired> marker(PlanEvent p) {
    Runbook rb = runbooks.get(p.runbook());
    if (rb == null || p.ts() <= now - rb.guards().cooldown().toMillis()) {
      return Optional.empty();
    }
    int hash = p.rule() == null ? -1 : p.rule().lastIndexOf('#');
    int index;
    try {
      index = hash < 0 ? -1 : Integer.parseInt(p.rule().substring(hash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (index < 0 || index >= rb.rules().size() || !rb.ruleName(index).equals(p.rule())) {
      return Optional.empty();
    }
    return CooldownKey.of(rb.rules().get(index).primary(), p.scope(), p.pid())
        .map(key -> new Fired(p.rule(), key, p.ts()));
  }
}
