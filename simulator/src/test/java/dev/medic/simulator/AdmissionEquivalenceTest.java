package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session lets into Drools only the samples some pattern can match (engine {@code Admission}). That is an
 * optimisation and must never change a decision: every shipped recording, replayed with the runbook pack and with
 * each golden-test runbook (every language construct), gives exactly the same journal events whether the session
 * admits only what the rules need or every sample.
 */
class AdmissionEquivalenceTest {

  static final Path PACK = Path.of("../runbooks");
  static final Path GOLDEN = Path.of("../engine/src/test/resources/golden");

  static Stream<Path> runbookSets() throws Exception {
    List<Path> sets = new ArrayList<>(List.of(PACK));
    try (Stream<Path> cases = Files.list(GOLDEN)) {
      cases.map(c -> c.resolve("runbook.yaml")).filter(Files::exists).sorted().forEach(sets::add);
    }
    return sets.stream();
  }

  @ParameterizedTest
  @MethodSource("runbookSets")
  void filteredAndUnfilteredSessionsDecideAlike(Path runbooks) throws Exception {
    CompiledRunbooks filtered = CompiledRunbooks.load(List.of(runbooks), ActionRegistry.builtin());
    GateSettings config = GateSettings.defaults();
    List<Path> recordings;
    try (Stream<Path> files = Files.list(PackRecordingsTest.SHIPPED)) {
      recordings = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    assertTrue(recordings.size() >= 10, "the shipped recordings: " + recordings);
    int events = 0;
    for (Path recording : recordings) {
      events += replayedAlike(filtered, config, recording, runbooks + " on " + recording.getFileName())
          .events().size();
    }
    if (runbooks.equals(PACK)) {
      assertTrue(events > 20, "the pack decides something on its own recordings: " + events);
    }
  }

  /**
   * PSS is read for the top candidates only (and not at all without smaps_rollup or ptrace access). Where no
   * candidate in scope has it, {@code top_process_by_pss} picks the largest by RSS; where one has it, the largest by
   * PSS. Admission must let in exactly the processes that fallback can pick, including a cgroup whose only ranked
   * process sits in a child cgroup.
   */
  @Test
  void theTopByPssFallsBackToRssWhereNoCandidateHasPss(@TempDir Path dir) throws Exception {
    Path runbooks = Files.createDirectories(dir.resolve("rb"));
    Files.writeString(runbooks.resolve("cg.yaml"), """
        id: cg
        when: {fact: cgroup, where: usagePercent >= 90%}
        target: top_process_by_pss
        guards: {cooldown: 1h}
        steps: [capture_pmap]
        """);
    Files.writeString(runbooks.resolve("host.yaml"), """
        id: host
        when: {fact: memory, where: usedPercent >= 90%}
        target: top_process_by_pss
        guards: {cooldown: 1h}
        steps: [capture_pmap]
        """);
    List<List<Fact>> sweeps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long ts = Scenario.T0 + i * 10_000L;
      List<Fact> f = new ArrayList<>(List.of(
          new MemorySample(ts, 1000 * MIB, 50 * MIB, 5.0, 95.0, 0, 0, 0, null, null, null),
          cgroup(ts, "/a"), cgroup(ts, "/b"), cgroup(ts, "/x"), cgroup(ts, "/none")));
      f.add(process(ts, 10, "/a", 300, null));
      f.add(process(ts, 11, "/a", 500, null)); // /a: nobody has PSS -> the largest by RSS, 11
      f.add(process(ts, 20, "/b", 900, null));
      f.add(process(ts, 21, "/b", 100, 90L)); // /b: 21 is the only one with PSS -> 21, not the bigger 20
      f.add(process(ts, 22, "/b/c", 50, null));
      f.add(process(ts, 30, "/x", 800, null));
      f.add(process(ts, 31, "/x/y", 40, 35L)); // /x: its only ranked process is in a child -> 31
      sweeps.add(f);
    }
    Path recording = Scenario.write(dir.resolve("rec.jsonl"), sweeps);
    CompiledRunbooks filtered = CompiledRunbooks.load(List.of(runbooks), ActionRegistry.builtin());
    Replayer.Result a = replayedAlike(filtered, GateSettings.defaults(), recording, "fallback");
    List<String> plans = a.events().stream().filter(PlanEvent.class::isInstance).map(PlanEvent.class::cast)
        .map(p -> p.scope() + " -> " + p.pid()).sorted().toList();
    assertEquals(List.of("cgroup /a -> 11", "cgroup /b -> 21", "cgroup /x -> 31", "host -> 21"), plans);
  }

  /**
   * Replays once with the session as compiled and once with one that admits every sample, requires the same
   * journal events from both, and returns the first.
   */
  private static Replayer.Result replayedAlike(CompiledRunbooks filtered, GateSettings config, Path recording,
      String what) throws RecordingException {
    CompiledRunbooks everything = new CompiledRunbooks(filtered.runbooks(),
        filtered.ruleBase().with(filtered.ruleBase().spec().admittingEverything()), filtered.actions());
    Replayer.Result a = new Replayer(filtered, config).replay(recording);
    Replayer.Result b = new Replayer(everything, config).replay(recording);
    assertEquals(b.events(), a.events(), what);
    return a;
  }

  private static final long MIB = 1L << 20;

  private static CgroupSample cgroup(long ts, String path) {
    return new CgroupSample(ts, path, 2, 950 * MIB, 1000 * MIB, 95.0, 0L, null);
  }

  private static ProcessSample process(long ts, int pid, String cgroup, long rssMib, Long pssMib) {
    Long pss = pssMib == null ? null : pssMib * MIB;
    return new ProcessSample(ts, pid, 1, "p" + pid, "p" + pid, 1000, "S", rssMib * MIB, 0L, cgroup, 600, 0, pss, pss,
        false);
  }
}
