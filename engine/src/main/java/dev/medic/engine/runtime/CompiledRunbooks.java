package dev.medic.engine.runtime;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.drl.DrlCompiler;
import dev.medic.engine.exec.ActionExecutor;
import dev.medic.engine.gate.GatePipeline;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.PlanFactory;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runbook.RunbookLoader;
import dev.medic.engine.schedule.ScheduleClock;
import dev.medic.engine.session.RuleBase;
import java.nio.file.Path;
import java.util.List;

/**
 * Runbooks loaded, validated and built into a rule base: the expensive part of starting, done once, off the
 * event loop. {@link #engine} then makes as many engines as needed (one live, one per replay).
 */
public record CompiledRunbooks(List<Runbook> runbooks, RuleBase ruleBase, ActionRegistry actions) {

  public static CompiledRunbooks load(List<Path> paths, ActionRegistry actions) throws RunbookException {
    List<Runbook> runbooks = new RunbookLoader(actions).loadAll(paths);
    DrlCompiler.Compiled compiled = new DrlCompiler().build(runbooks);
    return new CompiledRunbooks(runbooks, RuleBase.build(compiled.drl(), compiled.spec()), actions);
  }

  /** An engine with the standard gates for these settings, told to no listener (replays, tests). */
  public Engine engine(GateSettings settings, int selfPid, ActionExecutor executor, Journal journal) {
    return engine(settings, selfPid, executor, journal, EngineListener.NONE);
  }

  /** An engine with the standard gates for these settings; {@code selfPid} is protected as Medic itself. */
  public Engine engine(GateSettings settings, int selfPid, ActionExecutor executor, Journal journal,
      EngineListener listener) {
    return engine(settings, settings.pipeline(selfPid), executor, journal, listener);
  }

  /** An engine with the given gates (the standard ones and a live-only gate after them, such as the fleet's). */
  public Engine engine(GateSettings settings, GatePipeline gates, ActionExecutor executor, Journal journal,
      EngineListener listener) {
    return new Engine(ruleBase.newSession(), new PlanFactory(runbooks, actions), gates, executor, journal, listener,
        settings.mode(), ScheduleClock.of(runbooks));
  }
}
