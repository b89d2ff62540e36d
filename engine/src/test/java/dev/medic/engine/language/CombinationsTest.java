package dev.medic.engine.language;

import static dev.medic.engine.language.Facts.cgroup;
import static dev.medic.engine.language.Facts.kill;
import static dev.medic.engine.language.Facts.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.gate.Mode;
import dev.medic.engine.plan.Decision;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.probes.facts.Fact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** all / any / not, correlation between conditions, and the guards. */
class CombinationsTest {

  @TempDir
  Path dir;

  @Test
  void aTargetThatDoesNotFitTheRuleIsRefused() {
    RunbookException e = assertThrows(RunbookException.class, () -> Scenario.advise(dir, """
        id: full-and-fat
        when:
          all:
            - fact: cgroup
              where: usagePercent >= 90%
            - fact: process
              where: rss > 300MiB
        target: matched_process
        steps: [capture_pmap]
        """));
    assertTrue(e.getMessage().endsWith(":8:9: target 'matched_process' does not fit a rule whose first condition is "
        + "about 'cgroup'"), e.getMessage());
  }

  @Test
  void processConditionsJoinTheirPrimaryCgroup() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: full-and-fat
        when:
          all:
            - fact: cgroup
              where: usagePercent >= 90%
            - fact: process
              where: rss > 300MiB
        steps: [capture_pmap]
        """).run(3, 10, ts -> List.of(
            cgroup(ts, "/a", 95, 0), cgroup(ts, "/b", 40, 0),
            process(ts, 1, "small-in-a", "/a", 100), process(ts, 2, "big-in-b", "/b", 900)));
    assertEquals(List.of(), s.planSeconds(), "the big process is not in the full cgroup");
    Scenario t = Scenario.advise(dir, """
        id: full-and-fat
        when:
          all:
            - fact: cgroup
              where: usagePercent >= 90%
            - fact: process
              where: rss > 300MiB
        steps: [capture_pmap]
        """).run(3, 10, ts -> List.of(cgroup(ts, "/a", 95, 0), process(ts, 2, "big-in-a", "/a/worker", 900)));
    assertEquals(List.of(0L), t.planSeconds());
    assertEquals("cgroup /a", t.plans().get(0).get("scope"));
  }

  /**
   * "No such process" is only concluded from a sweep that read the process table: a kill on a sweep without it
   * (live, the table is read every Nth sweep) does not plan as if no process were running.
   */
  @Test
  void noProcessIsOnlyConcludedFromASweepThatReadTheProcessTable() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: kill-without-big
        when:
          all:
            - fact: oom_kill
            - not: {fact: process, where: rss > 1GiB}
        target: oom_victim
        guards: {cooldown: 1s}
        steps: [capture_log]
        """).run(4, 10, ts -> {
          long sec = (ts - Scenario.T0) / 1000;
          List<Fact> f = new ArrayList<>();
          if (sec == 10 || sec == 30) {
            f.add(kill(ts, 77, "victim", "/a"));
          }
          if (sec != 10) { // the sweep at 10 s read no processes
            f.add(process(ts, 2, "app", "/a", 100));
          }
          return f;
        });
    assertEquals(List.of(30L), s.planSeconds());
  }

  @Test
  void notWithinKeepsARuleQuietAfterARecentEvent() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: full-no-oom
        when:
          all:
            - fact: cgroup
              where: usagePercent >= 90%
            - not: {fact: oom_kill, within: 2m}
        guards: {cooldown: 30s}
        steps: [capture_pmap]
        """).run(12, 30, ts -> {
          List<Fact> f = new ArrayList<>(List.of(cgroup(ts, "/a", 95, 0), process(ts, 2, "app", "/a", 100)));
          if (ts == Scenario.T0 + 60_000) {
            f.add(kill(ts, 77, "victim", "/a"));
          }
          return f;
        });
    // fires at 0 and 30 s; the kill at 60 s silences it while it is within the last 2 m (60 s < t - 120 s fails
    // until t = 180 s, where the kill sits exactly at the window's open far end); then every 30 s
    assertEquals(List.of(0L, 30L, 180L, 210L, 240L, 270L, 300L, 330L), s.planSeconds());
  }

  @Test
  void anyFiresForEachAlternativeButOneIncidentPerTargetAndSweep() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: either
        when:
          any:
            - {fact: cgroup, where: usagePercent >= 90%}
            - {fact: memory, where: usedPercent >= 90%}
        steps: [capture_pmap]
        """).run(2, 10, ts -> List.of(cgroup(ts, "/a", 95, 0), process(ts, 2, "app", "/a", 100),
            new dev.medic.probes.facts.MemorySample(ts, 1000, 50L, 5.0, 95.0, 0, 0, 0, null, null, null)));
    assertEquals(List.of(0L), s.planSeconds(), "both rules chose pid 2 in the same sweep: one incident");
  }

  @Test
  void maxPerHourDeniesWholePlansBeyondTheLimit() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: flappy
        when: {fact: process, where: 'comm == app'}
        guards: {cooldown: 5m, maxPerHour: 2}
        steps: [capture_pmap]
        """).run(25, 300, ts -> List.of(process(ts, 20, "app", "/a", 100)));
    // a plan every 5 minutes for 2 hours: per hour, 2 run and the rest are denied
    List<Decision.Verdict> verdicts = s.decisions.stream().map(Decision::verdict).toList();
    assertEquals(25, verdicts.size());
    assertEquals(List.of(Decision.Verdict.RUN, Decision.Verdict.RUN, Decision.Verdict.DENIED), verdicts.subList(0, 3));
    assertEquals(List.of(Decision.Verdict.RUN, Decision.Verdict.RUN, Decision.Verdict.DENIED),
        verdicts.subList(12, 15), "the hour rolls over: two more run");
    assertEquals("rate-limit", s.decisions.get(2).gate());
  }

  @Test
  void requireApprovalProposesEvenOnAnApprovedEnforceHost() throws Exception {
    Scenario s = Scenario.of(dir, """
        id: careful
        when: {fact: process, where: 'comm == app'}
        guards: {requireApproval: true}
        steps: [capture_pmap]
        remediate:
          - set_oom_score_adj: {value: 300}
        """, Mode.ENFORCE, true).run(1, 1, ts -> List.of(process(ts, 20, "app", "/a", 100)));
    assertEquals(List.of("capture_pmap:RUN:all", "set_oom_score_adj:PROPOSED:approval"), s.decisions.stream()
        .map(d -> d.action() + ":" + d.verdict() + ":" + d.gate()).toList());
  }

  @Test
  void enforceOnlyRunbooksAreSilentOnAdviseHosts() throws Exception {
    String yaml = """
        id: enforcer
        when: {fact: process, where: 'comm == app'}
        guards: {enforceOnly: true}
        remediate:
          - set_oom_score_adj: {value: 300}
        """;
    assertEquals(List.of(), Scenario.advise(dir, yaml).run(2, 1, ts -> List.of(process(ts, 2, "app", "/a", 1)))
        .planSeconds());
    assertEquals(List.of(0L), Scenario.of(dir, yaml, Mode.ENFORCE, true)
        .run(2, 1, ts -> List.of(process(ts, 2, "app", "/a", 1))).planSeconds());
  }

  @Test
  void actionParametersAreFilledFromThePlan() throws Exception {
    Scenario s = Scenario.of(dir, """
        id: restart-grower
        when: {fact: process, where: 'rss > 500MiB'}
        remediate:
          - restart_unit: {unit: "{{process.unit}}"}
        """, Mode.ENFORCE, true).run(1, 1, ts -> List.of(process(ts, 9, "web", "/system.slice/web.service", 900)));
    assertEquals(1, s.executor.submitted().size());
    assertEquals("restart_unit", s.executor.submitted().get(0).action());
  }
}
