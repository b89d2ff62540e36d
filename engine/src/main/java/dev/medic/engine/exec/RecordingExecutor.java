package dev.medic.engine.exec;

import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import java.util.ArrayList;
import java.util.List;

/** Replay's executor: it runs nothing and remembers what it would have run. */
public final class RecordingExecutor implements ActionExecutor {

  /** One action the executor was given. */
  public record Submitted(String incident, String action, int pid) {}

  private final List<Submitted> submitted = new ArrayList<>();

  @Override
  public synchronized void submit(Plan plan, List<PlannedAction> allowed) {
    for (PlannedAction a : allowed) {
      submitted.add(new Submitted(plan.incident(), a.action(), plan.target().pid()));
    }
  }

  public synchronized List<Submitted> submitted() {
    return List.copyOf(submitted);
  }
}
