package dev.medic.cli;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.FactRecorder;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runbook.Values;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code medic run}: the agent. Advisory unless the config says enforce and the host is approved. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Watch this host and apply the runbooks (advisory unless enforce is configured and approved).",
        "Sweeps the probes on a timer, captures evidence and proposes remediation (advise mode, the default) or carries it out (enforce mode, on hosts with approved: true). Every plan, gate decision and action outcome goes to <state-dir>/journal.jsonl."})
final class RunCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Option(names = "--for", paramLabel = "DURATION", description = "Stop cleanly after this long (e.g. 30s, 5m).")
  String duration;

  @Option(names = "--record", paramLabel = "FILE", description = "Also record every fact to FILE for replay.")
  Path record;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Duration> limit = Optional.ofNullable(duration).map(Values::duration);
    MedicConfig config;
    CompiledRunbooks runbooks;
    try {
      config = options.load();
      runbooks = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
    } catch (MedicConfig.ConfigException e) {
      err.println("medic run: " + e.getMessage());
      return MedicCli.FAILED;
    } catch (RunbookException e) {
      e.problems().forEach(err::println);
      err.println("medic run: " + e.problems().size() + " problem(s) in the runbooks; nothing started");
      return MedicCli.FAILED;
    }
    CountDownLatch done = new CountDownLatch(1);
    PrintWriter out = spec.commandLine().getOut();
    try (Agent agent = new Agent(config, runbooks, recorder(config), ds -> Console.print(out, ds))) {
      err.printf("medic: %s mode%s, %d runbook(s), sweeping every %dms, journal %s%n", config.mode().word(),
          config.approved() ? " (host approved)" : "", runbooks.runbooks().size(), config.interval().toMillis(),
          agent.journalFile());
      err.flush();
      Thread hook = new Thread(() -> {
        done.countDown();
        try {
          agent.close();
        } catch (java.io.IOException ignored) {
          // stopping anyway
        }
      });
      Runtime.getRuntime().addShutdownHook(hook);
      if (limit.isPresent()) {
        done.await(limit.get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        done.await();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already stopping the agent
      }
    }
    return MedicCli.OK;
  }

  private Optional<FactRecorder> recorder(MedicConfig config) throws java.io.IOException {
    return record == null ? Optional.empty() : Optional.of(Recorders.create(record, config));
  }
}
