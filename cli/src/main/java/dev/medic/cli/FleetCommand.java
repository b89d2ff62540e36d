package dev.medic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.agent.MedicConfig;
import dev.medic.fleet.AgentStatus;
import dev.medic.fleet.FleetIncident;
import dev.medic.fleet.FleetSettings;
import dev.medic.fleet.zk.ZkFleetView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code medic fleet}: the live agents of the fleet the config's {@code fleet:} names, their mode, open incidents
 * and pending approvals, then every open incident, hosts that went away included. It reads the coordinator and
 * registers nothing.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "List the fleet's live agents, their mode, open incidents and pending approvals.")
final class FleetCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Settings file with a fleet: section (default: config/medic.yaml in Medic's folder).")
  Path config;

  @Option(names = "--json", description = "Print one JSON object: agents and incidents.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path file = config != null ? config : MedicHome.defaultConfig().orElse(null);
    if (file == null) {
      spec.commandLine().getErr().println("medic fleet: no config file: pass --config with a fleet: section");
      return MedicCli.FAILED;
    }
    FleetSettings settings;
    try {
      settings = MedicConfig.load(file).fleet().orElse(null);
    } catch (MedicConfig.ConfigException e) {
      spec.commandLine().getErr().println("medic fleet: " + e.getMessage());
      return MedicCli.FAILED;
    }
    if (settings == null) {
      spec.commandLine().getErr().println("medic fleet: " + file + " has no fleet: section (Medic runs alone)");
      return MedicCli.FAILED;
    }
    List<AgentStatus> agents;
    List<FleetIncident> incidents;
    try (ZkFleetView view = ZkFleetView.open(settings)) {
      agents = view.agents();
      incidents = view.incidents();
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("medic fleet: " + e.getMessage());
      return MedicCli.FAILED;
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("agents", agents);
      doc.put("incidents", incidents);
      out.println(new ObjectMapper().writeValueAsString(doc));
      return MedicCli.OK;
    }
    out.printf("%-24s %-40s %-28s %9s %8s%n", "HOST", "MODE", "GROUPS", "INCIDENTS", "PENDING");
    for (AgentStatus a : agents) {
      out.printf("%-24s %-40s %-28s %9d %8d%n", a.host(), a.mode(), groups(a.groups()), a.openIncidents(),
          a.pendingApprovals());
    }
    Set<String> live = agents.stream().map(AgentStatus::host).collect(Collectors.toSet());
    out.println();
    out.printf("%-24s %-48s %-24s %-6s %8s%n", "HOST", "INCIDENT", "RUNBOOK", "STATE", "PENDING");
    for (FleetIncident i : incidents) {
      out.printf("%-24s %-48s %-24s %-6s %8d%n", i.host() + (live.contains(i.host()) ? "" : " (gone)"),
          i.incident(), i.runbook(), i.state(), i.pending());
    }
    out.printf("%n%d live agent(s), %d open incident(s), %d pending approval(s)%n", agents.size(), incidents.size(),
        incidents.stream().mapToInt(FleetIncident::pending).sum());
    return MedicCli.OK;
  }

  private static String groups(Map<String, String> groups) {
    return groups.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
