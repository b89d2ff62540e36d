package dev.medic.engine.state;

import dev.medic.engine.session.Fired;
import java.util.List;
import java.util.Map;

/**
 * What {@link JournalRestore} rebuilt from a journal, for {@link dev.medic.engine.runtime.Engine#restore}.
 *
 * @param fired cooldown markers still inside their runbook's cooldown at the restore time
 * @param rateLimited per runbook, the sample times of the plans its {@code maxPerHour} counted in the last hour,
 *     oldest first
 * @param pending actions still waiting for approval, oldest first
 */
public record RestoredState(List<Fired> fired, Map<String, List<Long>> rateLimited, List<PendingApproval> pending) {

  public static final RestoredState EMPTY = new RestoredState(List.of(), Map.of(), List.of());

  public RestoredState {
    fired = List.copyOf(fired);
    rateLimited = Map.copyOf(rateLimited);
    pending = List.copyOf(pending);
  }
}
