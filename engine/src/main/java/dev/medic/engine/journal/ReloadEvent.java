package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The agent re-read its config and runbooks (SIGHUP or the API). A reload that does not validate changes nothing:
 * the old runbooks keep running, and {@code ok} is false with the reason in {@code message}.
 *
 * @param at wall clock, epoch milliseconds
 * @param ok whether the new config and runbooks are in use
 * @param runbooks the runbook ids running after the reload (the old ones when it failed)
 * @param message what changed, or why nothing did
 */
@JsonTypeName("reload")
@JsonPropertyOrder({"at", "ok", "runbooks", "message"})
public record ReloadEvent(long at, boolean ok, List<String> runbooks, String message) implements JournalEvent {

  public ReloadEvent {
    runbooks = runbooks == null ? List.of() : List.copyOf(runbooks);
  }
}
