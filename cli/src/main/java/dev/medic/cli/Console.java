package dev.medic.cli;

import dev.medic.engine.plan.Decision;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One line per incident for an operator watching {@code medic run} or reading {@code medic replay}. */
final class Console {

  private Console() {}

  static void print(PrintWriter out, List<Decision> decisions) {
    Map<String, List<Decision>> byIncident = new LinkedHashMap<>();
    decisions.forEach(d -> byIncident.computeIfAbsent(d.incident(), k -> new java.util.ArrayList<>()).add(d));
    byIncident.forEach((incident, ds) -> {
      Decision first = ds.get(0);
      out.printf("%s  %s  pid %d (%s)  %s%n", Instant.ofEpochMilli(first.timestamp()), first.runbook(), first.pid(),
          Printable.of(first.comm()), ds.stream().map(d -> d.action() + ":" + d.verdict().word()).collect(Collectors.joining(" ")));
    });
    out.flush();
  }
}
