package dev.medic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code medic probe}: one look at memory, pressure, cgroups and the top processes, now. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {
        "Show memory, pressure, cgroups near their limits and the top processes by memory.",
        "One look that answers free -h, ps aux --sort=-%%mem and smem --sort=uss at once: RSS, PSS, USS, swap and oom_score for the largest processes."})
final class ProbeCommand implements Callable<Integer> {

  /** Pressure "now" needs two reads of the cumulative stall counter; this is the gap between them. */
  static final long PRESSURE_GAP_MS = 250;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object (sizes in bytes).")
  boolean json;

  @Option(names = "--top", paramLabel = "N", defaultValue = "15",
      description = "How many processes to list, largest RSS first; 0 for all (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--host-root", paramLabel = "DIR", defaultValue = "/",
      description = "Read /proc and /sys under DIR (default: ${DEFAULT-VALUE}).")
  Path hostRoot;

  @Override
  public Integer call() throws Exception {
    if (top < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more");
    }
    if (!java.nio.file.Files.isDirectory(new HostRoot(hostRoot).proc(""))) {
      spec.commandLine().getErr().println("medic probe: no proc directory under " + hostRoot);
      return MedicCli.FAILED;
    }
    int smaps = Math.max(top == 0 ? 100_000 : top, ProbeSettings.DEFAULT_TOP_N);
    ProbeSweep sweep = new ProbeSweep(new HostRoot(hostRoot), new ProbeSettings(smaps, false));
    sweep.sweep(System.currentTimeMillis());
    Thread.sleep(PRESSURE_GAP_MS);
    long now = System.currentTimeMillis();
    ProbeReport report = new ProbeReport(now, sweep.sweep(now), top);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(report.json()));
      out.flush();
    } else {
      report.printText(out);
    }
    return MedicCli.OK;
  }
}
