package dev.medic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code medic status}: the running agent's mode, sweeps, errors and pending approvals, from its API. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running agent's status.")
final class StatusCommand implements Callable<Integer> {

  @Mixin
  ApiClient api;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ApiClient.Failed {
    ApiClient.Answer a = api.get("/status");
    if (api.json) {
      spec.commandLine().getOut().println(a.body());
      return MedicCli.OK;
    }
    JsonNode s = a.tree();
    spec.commandLine().getOut().printf("agent pid %d, %s mode%s, up %ds%n%d sweeps, %d errors, %d action failures,"
        + " %d runbooks, %d pending approval(s)%njournal %s%n", s.path("pid").asLong(), s.path("mode").asText(),
        s.path("approved").asBoolean() ? " (approved host)" : "", s.path("uptimeMs").asLong() / 1000,
        s.path("sweeps").asLong(), s.path("errors").asLong(), s.path("actionFailures").asLong(),
        s.path("runbooks").size(), s.path("pendingApprovals").asLong(), s.path("journal").asText());
    return MedicCli.OK;
  }
}
