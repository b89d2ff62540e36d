package dev.medic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runbook.Problem;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medic validate}: check runbooks like a compiler, every problem at once. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {
        "Check runbooks like a compiler: file:line:column: message.",
        "Checks YAML syntax, keys, facts and fields, units, actions and their parameters and duplicate ids, then builds the rules. Exit status: 0 clean, 1 problems found, 2 usage error."})
final class ValidateCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Runbook files or folders.")
  List<Path> paths;

  @Option(names = "--json", description = "Print {\"ok\":…, \"runbooks\":[…], \"problems\":[{file,line,column,message}]}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Problem> problems = List.of();
    List<String> ids = List.of();
    try {
      ids = CompiledRunbooks.load(paths, ActionRegistry.builtin()).runbooks().stream().map(r -> r.id()).toList();
    } catch (RunbookException e) {
      problems = e.problems();
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", problems.isEmpty());
      m.put("runbooks", ids);
      m.put("problems", problems.stream().map(p -> Map.of("file", p.position().file(), "line", p.position().line(),
          "column", p.position().column(), "message", p.message())).toList());
      out.println(new ObjectMapper().writeValueAsString(m));
    } else if (problems.isEmpty()) {
      out.printf("%d runbook(s) OK: %s%n", ids.size(), String.join(", ", ids));
    } else {
      problems.forEach(out::println);
      out.printf("%d problem(s)%n", problems.size());
    }
    out.flush();
    return problems.isEmpty() ? MedicCli.OK : MedicCli.FAILED;
  }
}
