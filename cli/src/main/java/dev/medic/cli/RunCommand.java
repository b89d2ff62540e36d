package dev.medic.cli;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.FactRecorder;
import dev.medic.agent.MedicConfig;
import dev.medic.agent.service.StateLock;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runbook.Values;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code medic run}: the agent. Advisory unless the config says enforce and the host is approved. SIGTERM and
 * SIGINT stop it cleanly with exit 0 (what systemd expects of a stop); SIGHUP reloads the config and runbooks.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Watch this host and apply the runbooks (advisory unless enforce is configured and approved).",
        "Sweeps the probes on a timer, captures evidence and proposes remediation (advise mode, the default) or carries it out (enforce mode, on hosts with approved: true). Every plan, gate decision and action outcome goes to <state-dir>/journal.jsonl. SIGTERM/SIGINT stop it (exit 0), SIGHUP reloads config and runbooks."})
final class RunCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Option(names = "--for", paramLabel = "DURATION", description = "Stop cleanly after this long (e.g. 30s, 5m).")
  String duration;

  @Option(names = "--record", paramLabel = "FILE", description = "Also record every fact to FILE for replay.")
  Path record;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json: one JSON object per line (ts, level, event, fields) for log shippers.")
  String logFormat;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Duration> limit = Optional.ofNullable(duration).map(Values::duration);
    RunConsole.Format format = switch (logFormat) {
      case "text" -> RunConsole.Format.TEXT;
      case "json" -> RunConsole.Format.JSON;
      default -> null;
    };
    if (format == null) {
      err.println("medic run: --log-format must be text or json, not '" + Printable.of(logFormat) + "'");
      return MedicCli.USAGE;
    }
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
      err.println("medic run: " + e.problems().size() + " problem(s) in the runbooks; nothing started"
          + " (a run needs at least one runbook)");
      return MedicCli.FAILED;
    }
    if (runbooks.runbooks().isEmpty()) {
      err.println("medic run: no runbooks found in " + config.runbooks() + "; nothing started (list runbook files"
          + " or folders under 'runbooks:' in the config, or pass --runbooks)");
      return MedicCli.FAILED;
    }
    CountDownLatch done = new CountDownLatch(1);
    PrintWriter out = spec.commandLine().getOut();
    RunConsole console = new RunConsole(out, format, config.stateDir().resolve("evidence"));
    Agent agent;
    try {
      agent = new Agent(config, runbooks, recorder(config), null, console);
    } catch (StateLock.Held e) {
      err.println("medic run: " + e.getMessage());
      return MedicCli.FAILED;
    }
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "medic-heartbeat");
      t.setDaemon(true);
      return t;
    });
    // signals are handled until the agent is closed (resources close in reverse order)
    try (Signals signals = new Signals(done::countDown, agent::reload); agent) {
      agent.reloadFrom(options::load);
      err.printf("medic: %s mode%s, %d runbook(s), sweeping every %dms, journal %s%n", config.mode().word(),
          config.approved() ? " (host approved)" : "", runbooks.runbooks().size(), config.interval().toMillis(),
          agent.journalFile());
      err.flush();
      long beat = config.service().heartbeat().toMillis();
      if (beat > 0) {
        heartbeat.scheduleAtFixedRate(() -> status(console, agent, "heartbeat"), beat, beat, TimeUnit.MILLISECONDS);
      }
      if (limit.isPresent()) {
        done.await(limit.get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        done.await();
      }
      heartbeat.shutdownNow();
    }
    status(console, agent, "stopped");
    return MedicCli.OK;
  }

  private static void status(RunConsole console, Agent agent, String event) {
    console.status(event, agent.sweeps(), agent.errors(), agent.actionFailures(), agent.approvals().list().size());
  }

  private Optional<FactRecorder> recorder(MedicConfig config) throws java.io.IOException {
    return record == null ? Optional.empty() : Optional.of(Recorders.create(record, config));
  }
}
