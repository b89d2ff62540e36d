package dev.medic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.checks.CheckRunner;
import dev.medic.checks.NamespaceThreads;
import dev.medic.cli.diagnose.Inside;
import dev.medic.cli.diagnose.Story;
import dev.medic.cli.diagnose.Target;
import dev.medic.engine.runbook.Values;
import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.CheckSample;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code medic diagnose <target>}: the guide's "debug from the network side, outside and then inside" as one
 * command. Thin: the target becomes one check ({@link Target}), {@link Inside} reads the serving namespace before
 * and after it, {@link Story} ranks the causes and tells them.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = {
        "Check a service the way a client does, then explain a failure from what the kernel saw.",
        "TARGET is http://host:port/path, https://host:port/path, tcp://host:port, or a DNS name (asked of each "
            + "nameserver of resolv.conf). One attempt, no retries. When the address is on this host (loopback, the "
            + "host's own or an ip netns namespace's), the listener, its owner's open files, TCP counters, "
            + "conntrack and firewall DROP/REJECT counters are read around the attempt and the likely cause is "
            + "ranked with its evidence.",
        "Exit status: 0 healthy, 1 unhealthy, 2 usage error."})
final class DiagnoseCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TARGET",
      description = "http(s)://host[:port]/path, tcp://host:port or a DNS name.")
  String target;

  @Option(names = "--json", description = "Print one JSON object instead of the story.")
  boolean json;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3s",
      description = "How long the attempt may take (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--netns", paramLabel = "NETNS", defaultValue = "host",
      description = "Run the check from this network namespace: host, an ip netns name or /proc/PID/ns/net "
          + "(default: ${DEFAULT-VALUE}).")
  String netns;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    ProbeCommand.quietLogging();
    Duration budget = duration();
    Target parsed;
    try {
      parsed = Target.parse(target, budget, netns);
    } catch (Target.Invalid e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    HostRoot root = HostRoot.live();
    Story story;
    try (Inside inside = open(root, parsed); NamespaceThreads threads = new NamespaceThreads(root);
        CheckRunner runner = new CheckRunner(List.of(parsed.spec()), threads)) {
      List<CheckSample> samples = runner.runOnce(parsed.spec());
      boolean refused = samples.stream().anyMatch(s -> "connect_refused".equals(s.error()));
      Inside.View view = inside.after(refused);
      story = Story.of(parsed, samples, view, (System.nanoTime() - started) / 1_000_000);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(story.json()));
      out.flush();
    } else {
      story.print(out);
    }
    return story.healthy() ? MedicCli.OK : MedicCli.FAILED;
  }

  private Inside open(HostRoot root, Target parsed) {
    try {
      return Inside.before(root, parsed, netns);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--netns " + netns + ": " + e.getMessage());
    }
  }

  private Duration duration() {
    Duration d;
    try {
      d = Values.duration(timeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
    }
    if (d.toMillis() < 100 || d.toSeconds() > 60) {
      throw new ParameterException(spec.commandLine(), "--timeout must be between 100ms and 60s");
    }
    return d;
  }
}
