package dev.medic.fleet;

import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.PlanEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's journal, also feeding the fleet view: a plan opens an incident in the coordinator (a persistent node
 * that outlives the agent), proposals count as pending approvals, and an incident whose actions all ended with
 * nothing pending is resolved. Writes to the coordinator happen on a thread of their own, so a slow ensemble never
 * holds up the rules or the journal.
 */
public final class FleetJournal implements Journal {

  private static final int KEPT = 1000;

  private final Journal inner;
  private final FleetCoordinator fleet;
  private final Map<String, String> groups;
  private final Supplier<String> mode;
  private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "medic-fleet-publish");
    t.setDaemon(true);
    return t;
  });
  /** Open incidents of this host: runbook, actions still to end, proposals waiting. Oldest first. */
  private final Map<String, Open> open = new LinkedHashMap<>();
  /** The last status published (mode, incidents, pending), so an unchanged one is not written again. */
  private String published;

  private static final class Open {
    final String runbook;
    int running;
    int pending;

    Open(String runbook) {
      this.runbook = runbook;
    }
  }

  public FleetJournal(Journal inner, FleetCoordinator fleet, Map<String, String> groups, Supplier<String> mode) {
    this.inner = inner;
    this.fleet = fleet;
    this.groups = Map.copyOf(groups);
    this.mode = mode;
  }

  @Override
  public void write(JournalEvent event) {
    inner.write(event);
    FleetIncident changed = null;
    synchronized (open) {
      if (event instanceof PlanEvent p) {
        open.put(p.incident(), new Open(p.runbook()));
        if (open.size() > KEPT) {
          open.remove(open.keySet().iterator().next());
        }
      } else if (event instanceof DecisionEvent d && open.containsKey(d.incident())) {
        Open o = open.get(d.incident());
        if (d.verdict().equals("run")) {
          o.running++;
        } else if (d.verdict().equals("proposed")) {
          o.pending++;
        }
        changed = incident(d.incident(), o, d.ts());
      } else if (event instanceof ActionEvent a && open.containsKey(a.incident())) {
        Open o = open.get(a.incident());
        o.running--;
        changed = incident(a.incident(), o, a.at());
        if (o.running <= 0 && o.pending == 0) {
          open.remove(a.incident());
        }
      }
    }
    if (changed != null) {
      FleetIncident c = changed;
      publisher.execute(() -> {
        fleet.incident(c);
        publishStatus();
      });
    }
  }

  private FleetIncident incident(String id, Open o, long at) {
    String state = o.running <= 0 && o.pending == 0 ? "resolved" : "open";
    return new FleetIncident(fleet.host(), id, o.runbook, state, o.pending, at);
  }

  /** Publishes this agent's status if it changed (called after every sweep too, for the mode). */
  public synchronized void publishStatus() {
    int incidents;
    int pending;
    synchronized (open) {
      incidents = (int) open.values().stream().filter(o -> o.running > 0 || o.pending > 0).count();
      pending = open.values().stream().mapToInt(o -> o.pending).sum();
    }
    String now = mode.get() + "|" + incidents + "|" + pending;
    if (!now.equals(published)) {
      published = now;
      fleet.publish(new AgentStatus(fleet.host(), mode.get(), groups, incidents, pending, System.currentTimeMillis()));
    }
  }

  /** Stops publishing (what is queued is dropped: the ephemeral status goes with the session anyway). */
  public void close() {
    publisher.shutdownNow();
  }
}
