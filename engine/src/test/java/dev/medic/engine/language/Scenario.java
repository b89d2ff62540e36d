package dev.medic.engine.language;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.exec.RecordingExecutor;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.probes.facts.Fact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/** Runs one runbook (YAML text) over synthetic sweeps and collects what it decided. */
final class Scenario {

  static final long T0 = 1_800_000_000_000L;

  final MemoryJournal journal = Journal.inMemory();
  final RecordingExecutor executor = new RecordingExecutor();
  private final Engine engine;
  final List<Decision> decisions = new ArrayList<>();

  private Scenario(CompiledRunbooks compiled, GateSettings config) {
    this.engine = compiled.engine(config, 4242, executor, journal); // fields are initialised before this line
  }

  static Scenario of(Path dir, String yaml, Mode mode, boolean approved) throws Exception {
    Path file = dir.resolve("rb-" + Math.abs(yaml.hashCode()) + ".yaml");
    Files.writeString(file, yaml);
    CompiledRunbooks compiled = CompiledRunbooks.load(List.of(file), ActionRegistry.builtin());
    GateSettings cfg = new GateSettings(mode, approved, GateSettings.DEFAULT_PROTECTED, Set.of());
    return new Scenario(compiled, cfg);
  }

  static Scenario advise(Path dir, String yaml) throws Exception {
    return of(dir, yaml, Mode.ADVISE, false);
  }

  /** Feeds {@code sweeps} sweeps {@code stepSeconds} apart, each built by {@code sweep} from its timestamp. */
  Scenario run(int sweeps, int stepSeconds, LongFunction<List<Fact>> sweep) {
    for (int i = 0; i < sweeps; i++) {
      long ts = T0 + i * stepSeconds * 1000L;
      decisions.addAll(engine.accept(ts, sweep.apply(ts)));
    }
    return this;
  }

  List<Map<String, Object>> plans() {
    return journal.events().stream().filter(PlanEvent.class::isInstance).map(JournalCodec::toMap).toList();
  }

  /** Seconds after T0 of each plan. */
  List<Long> planSeconds() {
    return plans().stream().map(p -> (((Number) p.get("ts")).longValue() - T0) / 1000).toList();
  }
}
