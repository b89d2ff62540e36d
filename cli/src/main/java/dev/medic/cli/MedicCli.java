package dev.medic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code medic} command. Exit codes: 0 success, 1 a problem with the input or the host (invalid runbooks, an
 * unreadable recording), 2 a usage error. Errors are one clear message on stderr, never a stack trace.
 */
@Command(
    name = "medic",
    mixinStandardHelpOptions = true,
    versionProvider = MedicCli.Version.class,
    description = {
      "Rule-driven remediation for Linux hosts: probes memory, processes and cgroups, reasons over them with",
      "YAML runbooks, captures evidence and proposes (or, on approved hosts, carries out) remediation."},
    subcommands = {
      ProbeCommand.class, RunCommand.class, RecordCommand.class, ReplayCommand.class, ValidateCommand.class,
      ExplainCommand.class, SchemaCommand.class, TestCommand.class, DiagnoseCommand.class,
      FleetCommand.class,
      StatusCommand.class, IncidentsCommand.class, PendingCommand.class, ApproveCommand.class, DenyCommand.class,
      CommandLine.HelpCommand.class})
public final class MedicCli {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new MedicCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("medic " + cmd.getCommandName() + ": " + message(e));
      return FAILED;
    });
    return cli;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = MedicCli.class.getPackage().getImplementationVersion();
      return new String[] {"medic " + (v == null ? "development" : v)};
    }
  }
}
