package dev.medic.engine.runtime;

import static dev.medic.engine.testing.Samples.cgroup;
import static dev.medic.engine.testing.Samples.kernelThread;
import static dev.medic.engine.testing.Samples.memory;
import static dev.medic.engine.testing.Samples.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.exec.RecordingExecutor;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.plan.Decision;
import dev.medic.probes.facts.Fact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole decide path on synthetic sweeps: rules, window, binding, cooldown, gates. */
class EngineTest {

  static CompiledRunbooks compiled;

  @BeforeAll
  static void compile(@TempDir Path dir) throws Exception {
    Path rb = dir.resolve("hog.yaml");
    Files.writeString(rb, """
        id: hog
        tags: [memory, cgroup]
        when:
          any:
            - fact: cgroup
              where: usagePercent >= 90%
              for: 10s
            - fact: memory
              where: usedPercent >= 95%
              for: 10s
        target: top_process_by_pss
        steps: [capture_identity, capture_pmap]
        remediate:
          - set_oom_score_adj: {value: 500}
        guards: {cooldown: 1m}
        """);
    compiled = CompiledRunbooks.load(List.of(rb), ActionRegistry.builtin());
  }

  private static Engine engine(Mode mode, boolean approved, RecordingExecutor exec) {
    GateSettings cfg = new GateSettings(mode, approved, Set.of("sshd"), Set.of());
    return compiled.engine(cfg, 4242, exec, Journal.discard());
  }

  /** Sweeps every 2 s: the cgroup at {@code percents[i]}, with a hog and a smaller process in it. */
  private static List<Decision> run(Engine engine, double... percents) {
    List<Decision> all = new ArrayList<>();
    for (int i = 0; i < percents.length; i++) {
      long ts = 1_000_000 + i * 2000L;
      List<Fact> sweep = List.of(cgroup(ts, "/app", percents[i]), memory(ts, 40),
          process(ts, 100, "small", "/app", 10), process(ts, 200, "hog", "/app/worker", 80),
          process(ts, 300, "other", "/elsewhere", 500), kernelThread(ts, 2, "kthreadd"));
      all.addAll(engine.accept(ts, sweep));
    }
    return all;
  }

  /** The runbook's tags reach the journal's plan event, for routing and filtering; a runbook without tags adds none. */
  @Test
  void thePlanEventCarriesTheRunbooksTags() {
    MemoryJournal journal = Journal.inMemory();
    GateSettings cfg = GateSettings.defaults();
    Engine engine = compiled.engine(cfg, 4242, new RecordingExecutor(), journal);
    for (int i = 0; i < 8; i++) {
      long ts = 1_000_000 + i * 2000L;
      engine.accept(ts, List.of(cgroup(ts, "/app", 95), memory(ts, 40), process(ts, 200, "hog", "/app/worker", 80)));
    }
    List<PlanEvent> plans = journal.events().stream().filter(PlanEvent.class::isInstance).map(PlanEvent.class::cast)
        .toList();
    assertEquals(1, plans.size(), journal.events().toString());
    assertEquals(List.of("memory", "cgroup"), plans.get(0).tags());
  }

  @Test
  void sustainedCgroupBindsTheTopProcessInsideItAndAdvises() {
    RecordingExecutor exec = new RecordingExecutor();
    List<Decision> d = run(engine(Mode.ADVISE, false, exec), 50, 95, 95, 95, 95, 95, 95, 95);
    // above from t=2s; the 10 s window is covered at t=12s (sample 6), not before
    assertEquals(3, d.size(), d.toString());
    assertTrue(d.stream().allMatch(x -> x.pid() == 200 && x.timestamp() == 1_012_000), d.toString());
    assertEquals(List.of("capture_identity", "capture_pmap", "set_oom_score_adj"),
        d.stream().map(Decision::action).toList());
    assertEquals(List.of(Decision.Verdict.RUN, Decision.Verdict.RUN, Decision.Verdict.PROPOSED),
        d.stream().map(Decision::verdict).toList());
    assertEquals("mode", d.get(2).gate());
    assertEquals(2, exec.submitted().size(), "only the captures go to the executor in advise mode");
  }

  @Test
  void aDipInsideTheWindowResetsIt() {
    List<Decision> d = run(engine(Mode.ADVISE, false, new RecordingExecutor()),
        95, 95, 95, 95, 80, 95, 95, 95, 95, 95);
    assertEquals(List.of(), d, "no sample between t=8s and t=18s was free of a dip for 10 s");
    List<Decision> later = run(engine(Mode.ADVISE, false, new RecordingExecutor()),
        95, 95, 95, 95, 80, 95, 95, 95, 95, 95, 95, 95);
    assertTrue(later.stream().allMatch(x -> x.timestamp() == 1_020_000), later.toString());
  }

  @Test
  void cooldownKeepsOneEpisodeToOnePlan() {
    double[] high = new double[60]; // two minutes above the threshold
    java.util.Arrays.fill(high, 99);
    high[0] = 50;
    List<Decision> d = run(engine(Mode.ADVISE, false, new RecordingExecutor()), high);
    // fires at t=12s (held 10 s since t=2s), and again once the 1 m cooldown has passed (t=72s)
    assertEquals(List.of(1_012_000L, 1_072_000L), d.stream().map(Decision::timestamp).distinct().toList());
  }

  @Test
  void enforceOnAnApprovedHostRunsTheRemediation() {
    RecordingExecutor exec = new RecordingExecutor();
    List<Decision> d = run(engine(Mode.ENFORCE, true, exec), 95, 95, 95, 95, 95, 95, 95);
    assertEquals(Decision.Verdict.RUN, d.get(2).verdict());
    assertEquals(3, exec.submitted().size());
  }

  @Test
  void enforceWithoutApprovalStaysAdvisory() {
    List<Decision> d = run(engine(Mode.ENFORCE, false, new RecordingExecutor()), 95, 95, 95, 95, 95, 95, 95);
    assertEquals(Decision.Verdict.PROPOSED, d.get(2).verdict());
    assertEquals("approved-host", d.get(2).gate());
  }

  @Test
  void hostWideTriggerNeverPicksAKernelThread() {
    Engine engine = engine(Mode.ENFORCE, true, new RecordingExecutor());
    List<Decision> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long ts = 5_000_000 + i * 2000L;
      all.addAll(engine.accept(ts, List.of(memory(ts, 97), kernelThread(ts, 2, "kthreadd"),
          process(ts, 300, "big", "/", 500), process(ts, 301, "bigger", "/x", 700))));
    }
    assertEquals(Set.of(301), all.stream().map(Decision::pid).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void protectedTargetsAreDeniedButStillCaptured() {
    Engine engine = engine(Mode.ENFORCE, true, new RecordingExecutor());
    List<Decision> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long ts = 7_000_000 + i * 2000L;
      all.addAll(engine.accept(ts, List.of(cgroup(ts, "/ssh", 99), process(ts, 77, "sshd", "/ssh", 50))));
    }
    assertEquals(List.of(Decision.Verdict.RUN, Decision.Verdict.RUN, Decision.Verdict.DENIED),
        all.stream().map(Decision::verdict).toList());
    assertEquals("protected-target", all.get(2).gate());
  }
}
