package dev.medic.cli;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.drl.DrlCompiler;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runbook.RunbookLoader;
import dev.medic.engine.session.RuleBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medic explain}: the Drools rules a runbook compiles to. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {
        "Print the Drools rules (DRL) that runbooks compile to.",
        "Validates first, then prints the generated DRL exactly as the engine builds it, and checks that it builds."})
final class ExplainCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Runbook files or folders.")
  List<Path> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Runbook> runbooks;
    try {
      runbooks = new RunbookLoader(ActionRegistry.builtin()).loadAll(paths);
    } catch (RunbookException e) {
      e.problems().forEach(spec.commandLine().getErr()::println);
      return MedicCli.FAILED;
    }
    String drl = new DrlCompiler().compile(runbooks);
    RuleBase.build(drl); // a compiler bug shows here, not in production
    out.print(drl);
    out.flush();
    return MedicCli.OK;
  }
}
