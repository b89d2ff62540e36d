package dev.medic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.actions.ActionRegistry;
import dev.medic.simulator.RunbookTests;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medic test}: replay each runbook's test recordings through it, alone, and compare the plans. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {
        "Run the runbooks' replay tests: tests/<id>.yaml beside each runbook.",
        "Each case replays a recording through its runbook alone and compares the plans (time, pid, decisions) with the expected ones. A runbook without tests fails. Exit status: 0 all passed, 1 a case failed or a test file is invalid, 2 usage error."})
final class TestCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH",
      description = "Runbook folders (their tests/ folder is run) or single test files (default: Medic's runbooks/).")
  List<Path> paths;

  @Option(names = "--json",
      description = "Print {\"passed\":N, \"failed\":M, \"cases\":[{runbook, case, passed, detail}]}.")
  boolean json;

  @Option(names = "--together", description = "Replay each case with every runbook of its folder loaded, and compare "
      + "only the plans of the runbook under test: shows a runbook whose decisions change with the others beside it.")
  boolean together;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> targets = paths == null || paths.isEmpty() ? List.of(MedicHome.defaultRunbooks()) : paths;
    for (Path p : targets) {
      if (!Files.isDirectory(p) && !Files.isRegularFile(p)) {
        err.println("medic test: " + p + ": no such file or folder");
        return MedicCli.USAGE;
      }
    }
    RunbookTests tests = new RunbookTests(ActionRegistry.builtin(), together);
    RunbookTests.Report report = RunbookTests.Report.EMPTY;
    for (Path p : targets) {
      report = report.plus(Files.isDirectory(p) ? tests.runFolder(p) : tests.runFile(p));
    }
    report.problems().forEach(err::println);
    List<RunbookTests.Result> results = report.results();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("passed", report.passed());
      m.put("failed", report.failed());
      m.put("cases", results.stream().map(r -> {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("runbook", r.runbook());
        c.put("case", r.name());
        c.put("passed", r.passed());
        c.put("detail", r.detail());
        return c;
      }).toList());
      out.println(new ObjectMapper().writeValueAsString(m));
    } else {
      table(out, results);
      out.printf("%d passed, %d failed%n", report.passed(), report.failed());
    }
    out.flush();
    err.flush();
    if (results.isEmpty()) {
      err.println("medic test: no runbooks or tests found in " + targets);
      return MedicCli.FAILED;
    }
    return report.failed() == 0 ? MedicCli.OK : MedicCli.FAILED;
  }

  private static void table(PrintWriter out, List<RunbookTests.Result> results) {
    int runbook = "RUNBOOK".length();
    int name = "CASE".length();
    for (RunbookTests.Result r : results) {
      runbook = Math.max(runbook, Printable.of(r.runbook()).length());
      name = Math.max(name, Printable.of(r.name()).length());
    }
    String row = "%-" + runbook + "s  %-" + name + "s  %-6s  %s%n";
    out.printf(row, "RUNBOOK", "CASE", "RESULT", "DETAIL");
    for (RunbookTests.Result r : results) {
      out.printf(row, Printable.of(r.runbook()), Printable.of(r.name()), r.passed() ? "pass" : "FAIL",
          Printable.of(r.detail()));
    }
  }
}
