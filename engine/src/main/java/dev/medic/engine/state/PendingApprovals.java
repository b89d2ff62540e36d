package dev.medic.engine.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions waiting for approval, in the order they were planned. The engine adds to it on its loop thread
 * while the HTTP API reads and resolves from its own, so every method is synchronized. An approval or a denial
 * (or an expiry) resolves an entry; the list is rebuilt from the journal at start by {@link JournalRestore}.
 */
public final class PendingApprovals {

  private final Map<String, PendingApproval> byId = new LinkedHashMap<>();

  public synchronized void add(PendingApproval p) {
    byId.putIfAbsent(p.id(), p);
  }

  /** Every entry, oldest first. */
  public synchronized List<PendingApproval> list() {
    return List.copyOf(byId.values());
  }

  public synchronized Optional<PendingApproval> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Removes one entry (approved, denied or expired); empty when it was not pending. */
  public synchronized Optional<PendingApproval> resolve(String id) {
    return Optional.ofNullable(byId.remove(id));
  }

  /** Removes every entry planned at or before {@code ts}; returns them (for an expiry sweep). */
  public synchronized List<PendingApproval> expire(long ts) {
    List<PendingApproval> gone = new ArrayList<>();
    byId.values().removeIf(p -> {
      boolean old = p.ts() <= ts;
      if (old) {
        gone.add(p);
      }
      return old;
    });
    return gone;
  }
}
