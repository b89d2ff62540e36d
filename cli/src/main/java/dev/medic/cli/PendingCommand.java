package dev.medic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code medic pending}: the approvals waiting for a person. */
@Command(name = "pending", mixinStandardHelpOptions = true, description = "List the pending approvals.")
final class PendingCommand implements Callable<Integer> {

  @Mixin
  ApiClient api;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ApiClient.Failed {
    PrintWriter out = spec.commandLine().getOut();
    ApiClient.Answer a = api.get("/approvals");
    if (api.json) {
      out.println(a.body());
      return MedicCli.OK;
    }
    if (a.tree().path("approvals").isEmpty()) {
      out.println("no pending approvals");
    }
    for (JsonNode p : a.tree().path("approvals")) {
      out.printf("%s  %s %s on %s (pid %d)  incident %s  expires %s%n", p.path("id").asText(),
          p.path("action").asText(), p.path("params").toString(), p.path("comm").asText(), p.path("pid").asInt(),
          p.path("incident").asText(), ApiClient.when(p.path("expiresAt").asLong()));
    }
    return MedicCli.OK;
  }
}
