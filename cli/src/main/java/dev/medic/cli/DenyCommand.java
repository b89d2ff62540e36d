package dev.medic.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medic deny ID --reason TEXT}: refuses one pending action for good. */
@Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny one pending action, with a reason.")
final class DenyCommand implements Callable<Integer> {

  @Mixin
  ApiClient api;

  @Parameters(paramLabel = "ID", description = "The approval's id (medic pending).")
  String id;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required).")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "Your name, for the journal (default: $USER).")
  String as = System.getProperty("user.name");

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ApiClient.Failed {
    ApiClient.Answer a = api.post("/approvals/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/deny",
        Map.of("approver", as, "reason", reason));
    spec.commandLine().getOut().println(api.json ? a.body() : "denied " + id);
    return MedicCli.OK;
  }
}
