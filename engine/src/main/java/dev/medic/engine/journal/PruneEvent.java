package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Evidence retention removed evidence folders (older than {@code evidence.maxAge}, or the oldest while the total
 * was above {@code evidence.maxTotal}). Written only when something was removed.
 *
 * @param at wall clock, epoch milliseconds
 * @param removed the incident folders removed, oldest first
 * @param freedBytes the bytes they held
 * @param keptBytes the evidence left
 * @param reason {@code maxAge}, {@code maxTotal} or both, with the limits
 */
@JsonTypeName("prune")
@JsonPropertyOrder({"at", "removed", "freedBytes", "keptBytes", "reason"})
public record PruneEvent(long at, List<String> removed, long freedBytes, long keptBytes, String reason)
    implements JournalEvent {

  public PruneEvent {
    removed = removed == null ? List.of() : List.copyOf(removed);
  }
}
