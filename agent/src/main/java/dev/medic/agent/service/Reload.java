package dev.medic.agent.service;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.runbook.Problem;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A reload's first half: read the config again, load and compile its runbooks, and say what changed. Nothing of
 * the running agent is touched here; {@link dev.medic.agent.Agent#reload} swaps the engine only when this
 * succeeded. The runbooks and the gate settings (mode, approved, protect) take effect at once; settings the loop
 * or the probes were built with are reported as needing a restart.
 */
public final class Reload {

  /** Where a reload reads the config: the file named at start, read again. */
  @FunctionalInterface
  public interface Source {
    MedicConfig load() throws MedicConfig.ConfigException;
  }

  /**
   * @param config the new config (null when it failed)
   * @param runbooks the new runbooks, compiled (null when it failed)
   * @param message what changed, or why nothing did
   */
  public record Outcome(MedicConfig config, CompiledRunbooks runbooks, String message) {}

  private Reload() {}

  public static Outcome attempt(Source source, MedicConfig running) {
    MedicConfig next;
    try {
      next = source.load();
    } catch (MedicConfig.ConfigException e) {
      return failed(e.getMessage());
    } catch (RuntimeException e) {
      return failed("cannot read the config: " + e.getMessage());
    }
    CompiledRunbooks runbooks;
    try {
      runbooks = CompiledRunbooks.load(next.runbooks(), ActionRegistry.builtin());
    } catch (RunbookException e) {
      List<Problem> problems = e.problems();
      String first = problems.stream().limit(3).map(Problem::toString).collect(Collectors.joining("; "));
      return failed(problems.size() + " problem(s) in the runbooks: " + first);
    } catch (RuntimeException e) {
      return failed("cannot build the runbooks: " + e.getMessage());
    }
    if (runbooks.runbooks().isEmpty()) {
      return failed("no runbooks in " + next.runbooks());
    }
    List<String> restart = needRestart(running, next);
    String message = runbooks.runbooks().size() + " runbook(s), " + next.mode().word() + " mode"
        + (next.approved() ? " (host approved)" : "")
        + (restart.isEmpty() ? "" : "; changed but used only after a restart: " + String.join(", ", restart));
    return new Outcome(next, runbooks, message);
  }

  private static Outcome failed(String why) {
    return new Outcome(null, null, why + "; the old runbooks keep running");
  }

  /** The settings the loop, the probes, the executor and the journal were built with. */
  static List<String> needRestart(MedicConfig a, MedicConfig b) {
    List<String> names = new ArrayList<>();
    check(names, "interval", a.interval(), b.interval());
    check(names, "processInterval", a.processInterval(), b.processInterval());
    check(names, "stateDir", a.stateDir(), b.stateDir());
    check(names, "hostRoot", a.hostRoot(), b.hostRoot());
    check(names, "topProcesses", a.topProcesses(), b.topProcesses());
    check(names, "actionTimeout", a.actionTimeout(), b.actionTimeout());
    check(names, "probes", a.probes(), b.probes());
    check(names, "heartbeat/journal/evidence", a.service(), b.service());
    return names;
  }

  private static void check(List<String> names, String name, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      names.add(name);
    }
  }
}
