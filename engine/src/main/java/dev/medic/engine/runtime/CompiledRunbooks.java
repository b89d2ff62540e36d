package dev.medic.engine.runtime;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.drl.DrlCompiler;
import dev.medic.engine.exec.ActionExecutor;
import dev.medic.engine.gate.GatePipeline;
import dev.medic.engine.gate.ProtectedTargetGate;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.plan.PlanFactory;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runbook.RunbookLoader;
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

  /** An engine with the standard gates for this config, counting into its own metrics. */
  public Engine engine(MedicConfig config, int selfPid, ActionExecutor executor, Journal journal) {
    return engine(config, selfPid, executor, journal, MedicMetrics.simple());
  }

  /** An engine with the standard gates for this config. */
  public Engine engine(MedicConfig config, int selfPid, ActionExecutor executor, Journal journal,
      MedicMetrics metrics) {
    GatePipeline gates = GatePipeline.standard(config.mode(), config.approved(),
        new ProtectedTargetGate(config.protectComms(), config.protectPids(), selfPid));
    return new Engine(ruleBase.newSession(), new PlanFactory(runbooks, actions), gates, executor, journal,
        metrics, config.mode());
  }
}
