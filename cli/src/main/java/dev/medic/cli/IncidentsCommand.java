package dev.medic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medic incidents [ID]}: the agent's incidents, or one with its decisions, outcomes and evidence. */
@Command(name = "incidents", mixinStandardHelpOptions = true,
    description = "List the running agent's incidents, or show one in full.")
final class IncidentsCommand implements Callable<Integer> {

  @Mixin
  ApiClient api;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "An incident id, to show it in full.")
  String id;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ApiClient.Failed {
    PrintWriter out = spec.commandLine().getOut();
    ApiClient.Answer a = api.get(id == null ? "/incidents"
        : "/incidents/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    if (api.json) {
      out.println(a.body());
    } else if (id == null) {
      for (JsonNode i : a.tree().path("incidents")) {
        out.printf("%-6s %s  %-8s %s  %s%n", i.path("open").asBoolean() ? "open" : "closed",
            ApiClient.when(i.path("ts").asLong()), i.path("severity").asText(), i.path("incident").asText(),
            i.path("summary").asText());
      }
    } else {
      JsonNode i = a.tree();
      out.printf("%s (%s, %s)%n  %s%n  because %s%n", i.path("incident").asText(), i.path("severity").asText(),
          i.path("scope").asText(), i.path("summary").asText(), i.path("plan").path("reasons").toString());
      i.path("decisions").forEach(d -> out.printf("  %-20s %-8s %s: %s%n", d.path("action").asText(),
          d.path("verdict").asText(), d.path("gate").asText(), d.path("reason").asText()));
      i.path("approvals").forEach(p -> out.printf("  approval %s %s%n", p.path("id").asText(),
          p.path("state").asText()));
      i.path("actions").forEach(x -> out.printf("  %-20s %-8s %s%n", x.path("action").asText(),
          x.path("status").asText(), x.path("detail").asText()));
      i.path("evidence").forEach(f -> out.printf("  evidence %s%n", f.asText()));
    }
    return MedicCli.OK;
  }
}
