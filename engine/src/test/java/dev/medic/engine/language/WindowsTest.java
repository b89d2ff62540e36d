package dev.medic.engine.language;

import static dev.medic.engine.language.Facts.cgroup;
import static dev.medic.engine.language.Facts.event;
import static dev.medic.engine.language.Facts.kill;
import static dev.medic.engine.language.Facts.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.Fact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each window of the runbook language, on synthetic sweeps: when it fires, when it must stay silent. */
class WindowsTest {

  @TempDir
  Path dir;

  @Test
  void trendFiresOnSteadyGrowthAndNamesTheGrowerAndItsRate() throws Exception {
    // one process grows 30 MiB a minute, another stays flat; sweeps every 30 s for 20 minutes
    Scenario s = Scenario.advise(dir, """
        id: leak
        when:
          fact: process
          trend: rss > 20MiB/min
          over: 10m
          as: growth
        steps: [capture_pmap]
        summary: "{{process.comm}} grew {{growth}}/min"
        """).run(41, 30, ts -> List.of(
            process(ts, 10, "leaky", "/app", 100 + (ts - Scenario.T0) / 60_000 * 30),
            process(ts, 11, "steady", "/app", 400)));
    // fires once the 10 m window is covered, and again when the default 10 m cooldown has passed
    assertEquals(List.of(600L, 1200L), s.planSeconds());
    Map<String, Object> plan = s.plans().get(0);
    assertEquals(10, plan.get("pid"));
    // a perfect line: the least-squares slope is exactly its 30 MiB a minute
    assertEquals("leaky grew 30.0 MiB/min", plan.get("summary"));
    assertEquals(List.of("process.rss trend 30.0 MiB/min over 10m (rss > 20MiB/min)"), plan.get("reasons"));
  }

  @Test
  void trendStaysSilentOnAFlatOrNoisyProcess() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: leak
        when: {fact: process, trend: rss > 20MiB/min, over: 10m}
        steps: [capture_pmap]
        """).run(41, 30, ts -> List.of(process(ts, 10, "noisy", "/app", 300 + ((ts / 30_000) % 2) * 50)));
    assertEquals(List.of(), s.planSeconds());
  }

  @Test
  void rateUsesTheEndsOfTheWindow() throws Exception {
    // a counter that jumps at the start and then stays flat: rate over the window falls below the threshold
    Scenario s = Scenario.advise(dir, """
        id: oom-counter
        when: {fact: cgroup, rate: oomKills > 0.5/min, over: 4m}
        steps: [capture_pmap]
        """).run(20, 30, ts -> {
          long minute = (ts - Scenario.T0) / 60_000;
          return List.of(cgroup(ts, "/app", 50, minute < 5 ? minute * 2 : 10), process(ts, 7, "app", "/app", 10));
        });
    // the window [t-4m, t] is covered from t=4m; 2 kills/min until minute 5, 0 after: fires at 4m only
    assertEquals(List.of(240L), s.planSeconds());
  }

  @Test
  void countedEventsAreCountedHostWide() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: oom-storm
        when: {fact: oom_kill, count: 3, within: 10m}
        target: top_process_by_rss
        steps: [capture_top]
        summary: "{{fact.comm}} was killed"
        """).run(30, 30, ts -> {
          List<Fact> f = new ArrayList<>(List.of(process(ts, 3, "survivor", "/x", 700)));
          long i = (ts - Scenario.T0) / 30_000;
          if (i == 2 || i == 5 || i == 9) {
            f.add(kill(ts, 100 + (int) i, "victim" + i, null));
          }
          return f;
        });
    assertEquals(List.of(270L), s.planSeconds(), "the third kill, 3.5 minutes after the first");
    assertEquals(3, s.plans().get(0).get("pid"));
    assertTrue(((List<?>) s.plans().get(0).get("reasons")).get(0).toString().startsWith("3 oom_kill within 10m"));
  }

  @Test
  void countedEventsOutsideTheWindowDoNotAddUp() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: syn
        when: {fact: kernel_event, where: 'kind == syn_flood', count: 2, within: 1m}
        steps: [capture_top]
        """).run(20, 60, ts -> (ts - Scenario.T0) / 60_000 % 3 == 0
            ? List.of(event(ts, "syn_flood"), process(ts, 3, "web", "/x", 10)) : List.of(process(ts, 3, "web", "/x", 10)));
    assertEquals(List.of(), s.planSeconds(), "one event every 3 minutes is never 2 within a minute");
  }

  @Test
  void increasedComparesWithTheImmediatelyPreviousSample() throws Exception {
    long[] kills = {0, 0, 0, 1, 1, 1, 1, 1, 3, 3};
    Scenario s = Scenario.advise(dir, """
        id: cg-oom
        when: {fact: cgroup, increased: oomKills}
        guards: {cooldown: 1m}
        steps: [capture_pmap]
        """).run(kills.length, 30, ts -> {
          int i = (int) ((ts - Scenario.T0) / 30_000);
          return List.of(cgroup(ts, "/db", 60, kills[i]), process(ts, 5, "db", "/db", 500));
        });
    assertEquals(List.of(90L, 240L), s.planSeconds());
    assertTrue(((List<?>) s.plans().get(1).get("reasons")).get(0).toString()
        .startsWith("cgroup.oomKills rose from 1 to 3"), s.plans().toString());
  }

  /**
   * The previous sample is the entity's last one even across a sweep it missed, but not one older than the
   * look-back (5 minutes): a counter that rose while Medic was not looking for an hour is not "just increased".
   */
  @Test
  void increasedLooksBackAcrossAGapButNotPastFiveMinutes() throws Exception {
    // sweeps every 60 s; the cgroup is missing at 120 s (kills 0 -> 1 across the gap: counts) and from 240 s to
    // 600 s (kills 1 -> 2 across six minutes: does not)
    Scenario s = Scenario.advise(dir, """
        id: cg-oom
        when: {fact: cgroup, increased: oomKills}
        guards: {cooldown: 1s}
        steps: [capture_pmap]
        """).run(12, 60, ts -> {
          long sec = (ts - Scenario.T0) / 1000;
          if (sec == 120 || (sec >= 240 && sec < 600)) {
            return List.of(process(ts, 5, "db", "/db", 500));
          }
          long kills = sec < 120 ? 0 : sec < 600 ? 1 : 2;
          return List.of(cgroup(ts, "/db", 60, kills), process(ts, 5, "db", "/db", 500));
        });
    assertEquals(List.of(180L), s.planSeconds());
  }

  @Test
  void oomVictimIsTheTargetOfAnOomKillRunbook() throws Exception {
    Scenario s = Scenario.advise(dir, """
        id: after-oom
        when: {fact: oom_kill}
        steps: [capture_log]
        summary: "{{process.comm}} ({{process.pid}}) was killed in {{scope}}"
        """).run(4, 10, ts -> ts == Scenario.T0 + 10_000
            ? List.of(kill(ts, 999, "java", "/app"), process(ts, 5, "other", "/app", 10))
            : List.of(process(ts, 5, "other", "/app", 10)));
    assertEquals(1, s.plans().size());
    assertEquals(999, s.plans().get(0).get("pid"));
    assertEquals("java (999) was killed in cgroup /app", s.plans().get(0).get("summary"));
    assertEquals(1, s.decisions.size(), "capture_log only");
  }

  @Test
  void sustainedProcessWindowsSurviveSweepsWithoutTheProcessTable() throws Exception {
    // host facts every 10 s, the process table every third sweep (30 s): the process stays present in between
    Scenario s = Scenario.advise(dir, """
        id: fat
        when: {fact: process, where: rss > 500MiB, for: 2m}
        steps: [capture_pmap]
        """).run(19, 10, ts -> (ts - Scenario.T0) / 10_000 % 3 == 0
            ? List.of(cgroup(ts, "/a", 10, 0), process(ts, 10, "fat", "/a", 900))
            : List.of(cgroup(ts, "/a", 10, 0)));
    assertEquals(List.of(120L), s.planSeconds(), "covered after 2 minutes of process sweeps, at one of them");
  }
}
