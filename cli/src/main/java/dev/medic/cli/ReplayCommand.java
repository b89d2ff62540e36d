package dev.medic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.actions.ActionRegistry;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.simulator.RecordingException;
import dev.medic.simulator.Replayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medic replay}: run the runbooks over a recording on its own clock and print what they decide. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
        "Replay a recording through the runbooks and print what they decide.",
        "Uses the runbooks, gates and journal format of a live run on the recording's own clock, and runs no action. The same recording always prints the same decisions.",
        "Exit status: 0 replayed, 1 the recording, config or runbooks could not be used, or the recording is damaged (lines skipped: each is named; the decisions are still printed), 2 usage error."})
final class ReplayCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Parameters(paramLabel = "RECORDING", description = "A file written by 'medic record' or 'medic run --record'.")
  Path recording;

  @Option(names = "--json", description = "Print one JSON object: the recording's header, counts and events.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Replayer.Result result;
    try {
      MedicConfig config = options.load();
      CompiledRunbooks runbooks = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
      result = new Replayer(runbooks, config.gates()).replay(recording);
    } catch (RunbookException e) {
      e.problems().forEach(err::println);
      return MedicCli.FAILED;
    } catch (RecordingException | MedicConfig.ConfigException e) {
      err.println("medic replay: " + e.getMessage());
      return MedicCli.FAILED;
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("recording", result.header());
      m.put("sweeps", result.sweeps());
      m.put("facts", result.facts());
      m.put("skippedUnknownFacts", result.skippedUnknown());
      m.put("events", result.events().stream().map(JournalCodec::toMap).toList());
      m.put("damaged", result.damage().damaged());
      m.put("damage", Map.of("count", result.damage().count(), "problems", result.damage().problems()));
      out.println(new ObjectMapper().writeValueAsString(m));
    } else {
      timeline(out, result);
    }
    out.flush();
    result.damage().lines().forEach(line -> err.println("medic replay: " + line));
    err.flush();
    return result.damage().damaged() ? MedicCli.FAILED : MedicCli.OK;
  }

  private static void timeline(PrintWriter out, Replayer.Result r) {
    out.printf("Replay of a recording from %s (kernel %s), started %s: %d sweeps, %d facts%n",
        Printable.of(r.header().host()), Printable.of(r.header().kernel()), Instant.ofEpochMilli(r.header().startedAt()), r.sweeps(), r.facts());
    int plans = 0;
    int decisions = 0;
    for (JournalEvent e : r.events()) {
      if (e instanceof PlanEvent p) {
        plans++;
        out.printf("%s  %s  pid %s (%s)  %s%n", Instant.ofEpochMilli(p.ts()), Printable.of(p.runbook()), p.pid(),
            Printable.of(p.comm()), Printable.of(p.scope()));
        out.printf("    %s%n", Printable.of(p.summary()));
        for (String reason : p.reasons()) {
          out.printf("    because %s%n", Printable.of(reason));
        }
      } else if (e instanceof DecisionEvent d) {
        decisions++;
        out.printf("    %-20s %-9s %s: %s%n", d.action(), d.verdict(), d.gate(), Printable.of(d.reason()));
      }
    }
    out.printf("%d plan(s), %d decision(s)%n", plans, decisions);
  }
}
