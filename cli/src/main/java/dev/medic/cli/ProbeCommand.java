package dev.medic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.engine.runbook.Values;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.kmsg.KernelLogSource;
import dev.medic.probes.proc.OpenFdsReader;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code medic probe}: memory, pressure, cgroups and the top processes, now or refreshed like {@code top}. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {
        "Show memory, pressure, cgroups near their limits, the top processes by memory, and the network: listeners "
            + "with their accept queue, TCP counters that moved, conntrack, open files near their limits.",
        "One look that answers free -h, swapon, vmstat, ps aux --sort=-%%mem and smem --sort=uss at once: RSS, PSS, "
            + "USS, swap, growth and oom_score for the largest processes, and limits that look wrong."})
final class ProbeCommand implements Callable<Integer> {

  /** Pressure "now" and vmstat rates need two reads of cumulative counters; this is the gap between them. */
  static final long FIRST_GAP_MS = 250;
  private static final String CLEAR_SCREEN = "\033[H\033[2J";

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object (sizes in bytes); one per line with --watch.")
  boolean json;

  @Option(names = "--top", paramLabel = "N", defaultValue = "15",
      description = "How many processes to list; 0 for all (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--sort", paramLabel = "KEY", defaultValue = "rss", converter = OrderConverter.class,
      description = "Order processes by rss, pss, uss, swap or growth (default: ${DEFAULT-VALUE}).")
  ProcessOrder sort;

  @Option(names = "--watch", description = "Refresh like top until interrupted (growth needs a few refreshes).")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s",
      description = "Time between refreshes with --watch (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0",
      description = "With --watch, stop after N refreshes (default: never).")
  int count;

  @Option(names = "--host-root", paramLabel = "DIR", defaultValue = "/",
      description = "Read /proc and /sys under DIR (default: ${DEFAULT-VALUE}).")
  Path hostRoot;

  @Override
  public Integer call() throws Exception {
    quietLogging();
    if (top < 0 || count < 0) {
      throw new ParameterException(spec.commandLine(), "--top and --count must be 0 or more");
    }
    long gap = Values.duration(interval).toMillis();
    HostRoot root = new HostRoot(hostRoot);
    if (!Files.isDirectory(root.proc(""))) {
      spec.commandLine().getErr().println("medic probe: no proc directory under " + hostRoot);
      return MedicCli.FAILED;
    }
    // PSS and USS for every listed process, and never fewer than the agent reads
    int smaps = Math.max(top == 0 ? 100_000 : top, ProbeSettings.DEFAULT_TOP_N);
    ProbeSweep sweep = new ProbeSweep(root, new ProbeSettings(smaps, false));
    OpenFdsReader fds = new OpenFdsReader(root, sweep.metrics());
    long previous = System.currentTimeMillis();
    sweep.sweep(previous);
    Thread.sleep(FIRST_GAP_MS);
    PrintWriter out = spec.commandLine().getOut();
    // the guide's `dmesg | grep -i oom`: kills still in the kernel's buffer
    List<Fact> oomKills = KernelLogSource.history(root, System.currentTimeMillis(), sweep.metrics()).stream()
        .filter(f -> f instanceof OomKill).toList();
    boolean clear = watch && !json && System.console() != null;
    for (int shown = 1; ; shown++) {
      long now = System.currentTimeMillis();
      List<Fact> facts = new ArrayList<>(sweep.sweep(now));
      facts.addAll(oomKills);
      ProbeReport report = new ProbeReport(now, facts, top, sort, fds::read);
      if (clear) {
        out.print(CLEAR_SCREEN);
      }
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(report.json()));
        out.flush();
      } else {
        ProbeText.print(report, out, now - previous);
      }
      previous = now;
      if (!watch || (count > 0 && shown >= count) || out.checkError()) { // a closed pipe ends --watch too
        sweep.close();
        return MedicCli.OK;
      }
      if (!json && !clear) {
        out.println();
      }
      Thread.sleep(gap);
    }
  }

  /**
   * A missing source (no PSI, no swap file) is already visible in the report itself; repeating it as a warning
   * would break {@code medic probe | head}'s promise of a clean stderr. The agent keeps its warnings. An operator
   * who wants them passes {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=warn} in MEDIC_JAVA_OPTS.
   */
  static void quietLogging() {
    String key = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "error");
    }
  }

  /** picocli: {@code --sort pss}. */
  static final class OrderConverter implements picocli.CommandLine.ITypeConverter<ProcessOrder> {
    @Override
    public ProcessOrder convert(String value) {
      return ProcessOrder.parse(value);
    }
  }
}
