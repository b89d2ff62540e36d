package dev.medic.cli;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runbook.RunbookSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code medic schema}: the runbook JSON Schema, for editors (also at docs/runbook.schema.json). */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Print the JSON Schema of runbooks (the same as docs/runbook.schema.json), for editors."})
final class SchemaCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(RunbookSchema.generate(ActionRegistry.builtin()));
    spec.commandLine().getOut().flush();
    return MedicCli.OK;
  }
}
