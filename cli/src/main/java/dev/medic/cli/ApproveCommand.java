package dev.medic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medic approve ID}: approves one pending action; the agent rechecks the other gates and carries it out. */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve one pending action (the agent checks every other gate again, then carries it out).")
final class ApproveCommand implements Callable<Integer> {

  @Mixin
  ApiClient api;

  @Parameters(paramLabel = "ID", description = "The approval's id (medic pending).")
  String id;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the journal.")
  String reason = "";

  @Option(names = "--as", paramLabel = "NAME", description = "Your name, for the journal (default: $USER).")
  String as = System.getProperty("user.name");

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ApiClient.Failed {
    ApiClient.Answer a = api.post("/approvals/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/approve",
        Map.of("approver", as, "reason", reason));
    if (api.json) {
      spec.commandLine().getOut().println(a.body());
      return MedicCli.OK;
    }
    JsonNode r = a.tree();
    if (r.path("result").asText().equals("run")) {
      spec.commandLine().getOut().println("approved " + id + ": " + r.path("approval").path("action").asText()
          + " handed to the executor (its outcome follows in the journal)");
      return MedicCli.OK;
    }
    spec.commandLine().getOut().println("approved " + id + ", but gate " + r.path("gate").asText() + " stopped it: "
        + r.path("reason").asText());
    return MedicCli.FAILED;
  }
}
