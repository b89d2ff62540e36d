package dev.medic.cli;

import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.runbook.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code medic record}: sweep probes and write every fact to a recording, deciding nothing. */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {
        "Record every fact the probes see, for replay.",
        "Writes one JSON line per fact; the format is described in docs/recording-format.md."})
final class RecordCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The recording to write.")
  Path out;

  @Option(names = "--for", paramLabel = "DURATION", defaultValue = "30s",
      description = "How long to record (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--interval", paramLabel = "DURATION", description = "Sweep interval (default: the config's).")
  String interval;

  @Override
  public Integer call() throws Exception {
    Duration limit = Values.duration(duration);
    MedicConfig config = options.load();
    if (interval != null) {
      config = config.withInterval(Values.duration(interval));
    }
    var err = spec.commandLine().getErr();
    err.printf("medic: recording to %s for %s, a sweep every %dms%n", out, duration, config.interval().toMillis());
    err.flush();
    long sweeps;
    try (Agent agent = new Agent(config, null, Optional.of(Recorders.create(out, config)), null)) {
      Thread.sleep(limit.toMillis());
      sweeps = agent.sweeps();
    }
    err.printf("medic: %d sweeps, %d bytes written to %s%n", sweeps, Files.size(out), out);
    return MedicCli.OK;
  }
}
