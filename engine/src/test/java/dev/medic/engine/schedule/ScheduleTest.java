package dev.medic.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.exec.RecordingExecutor;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.MaintenanceWindow;
import dev.medic.engine.journal.Journal;
import dev.medic.engine.journal.MemoryJournal;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runbook.RunbookLoader;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.runtime.Engine;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.facts.ScheduleTick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbook schedules and maintenance windows on the sweep's clock: when they fire or are open, and when not. */
class ScheduleTest {

  /** 2026-12-04T02:58:00Z. */
  static final long T0 = Instant.parse("2026-12-04T02:58:00Z").toEpochMilli();

  @TempDir
  Path dir;

  @Test
  void aCronIsReadInUtcAndAskedWithTheSweepsTime() {
    Cron nightly = Cron.parse("0 0 3 * * ?");
    assertEquals(Instant.parse("2026-12-04T03:00:00Z").toEpochMilli(), nightly.nextAfter(T0));
    assertEquals(Instant.parse("2026-12-05T03:00:00Z").toEpochMilli(),
        nightly.nextAfter(Instant.parse("2026-12-04T03:00:00Z").toEpochMilli()), "strictly after");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 0 25 * * ?"));
    assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
    assertTrue(bad.getMessage().startsWith("cron \"0 0 25 * * ?\" is not valid"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cron.parse("every night"));
  }

  @Test
  void theClockTicksOncePerDueTimeAndOnceForAGap() throws Exception {
    ScheduleClock clock = ScheduleClock.of(new RunbookLoader(ActionRegistry.builtin()).loadAll(List.of(
        write("every-minute", "0 * * * * ?"))));
    assertEquals(List.of(), clock.due(T0), "the first sweep starts the count");
    assertEquals(List.of(), clock.due(T0 + 30_000));
    List<ScheduleTick> ticks = clock.due(T0 + 61_000);
    assertEquals(1, ticks.size());
    assertEquals(new ScheduleTick(T0 + 61_000, "every-minute", "0 * * * * ?", T0 + 60_000), ticks.get(0));
    assertEquals(List.of(), clock.due(T0 + 62_000));
    // a host suspended for ten minutes: one tick, not ten
    assertEquals(1, clock.due(T0 + 11 * 60_000 + 5_000).size());
    assertEquals(List.of(), clock.due(T0 + 11 * 60_000 + 6_000));
  }

  @Test
  void aScheduledRunbookFiresOnItsOwnTicksOnly() throws Exception {
    Path a = write("report-a", "0 0 3 * * ?");
    Path b = write("report-b", "0 30 3 * * ?");
    CompiledRunbooks rb = CompiledRunbooks.load(List.of(a, b), ActionRegistry.builtin());
    MemoryJournal journal = Journal.inMemory();
    try (Engine engine = rb.engine(GateSettings.defaults(), 4242, new RecordingExecutor(), journal)) {
      for (long ts = T0; ts <= T0 + 40 * 60_000; ts += 60_000) {
        engine.accept(ts, List.of(process(ts)));
      }
    }
    List<String> plans = journal.events().stream().filter(PlanEvent.class::isInstance).map(e -> (PlanEvent) e)
        .map(p -> p.runbook() + "@" + Instant.ofEpochMilli(p.ts())).toList();
    assertEquals(List.of("report-a@2026-12-04T03:00:00Z", "report-b@2026-12-04T03:30:00Z"), plans);
  }

  @Test
  void aScheduleAndItsTicksBelongTogether() throws Exception {
    Path noTicks = Files.writeString(dir.resolve("no-ticks.yaml"), """
        id: no-ticks
        schedule: "0 0 3 * * ?"
        when: {fact: process, where: rss > 1GiB}
        steps: [capture_top]
        """);
    Path noSchedule = Files.writeString(dir.resolve("no-schedule.yaml"), """
        id: no-schedule
        when: {fact: schedule}
        steps: [capture_top]
        """);
    Path badCron = Files.writeString(dir.resolve("bad-cron.yaml"), """
        id: bad-cron
        schedule: "0 0 3 * *"
        when: {fact: schedule}
        steps: [capture_top]
        """);
    RunbookLoader loader = new RunbookLoader(ActionRegistry.builtin());
    assertTrue(problem(loader, noTicks).endsWith(":2:11: 'schedule' needs a condition on its ticks in 'when' "
        + "(fact: schedule)"), problem(loader, noTicks));
    assertTrue(problem(loader, noSchedule).contains("a condition on 'schedule' needs the runbook's 'schedule:'"),
        problem(loader, noSchedule));
    assertTrue(problem(loader, badCron).contains(":2:11: cron \"0 0 3 * *\" is not valid"),
        problem(loader, badCron));
  }

  @Test
  void maintenanceWindowsOpenAndCloseOnTheGivenTime() {
    MaintenanceWindow nightly = MaintenanceWindow.recurring("patch", Cron.parse("0 0 3 * * ?"), Duration.ofHours(2));
    assertFalse(nightly.openAt(T0), "02:58");
    assertTrue(nightly.openAt(T0 + 2 * 60_000), "03:00 opens it");
    assertTrue(nightly.openAt(Instant.parse("2026-12-04T04:59:59Z").toEpochMilli()));
    assertFalse(nightly.openAt(Instant.parse("2026-12-04T05:00:00Z").toEpochMilli()), "closed after two hours");
    MaintenanceWindow once = MaintenanceWindow.between("migration", Instant.parse("2026-12-05T01:00:00Z"),
        Instant.parse("2026-12-05T03:00:00Z"));
    assertTrue(once.openAt(Instant.parse("2026-12-05T01:00:00Z").toEpochMilli()));
    assertFalse(once.openAt(Instant.parse("2026-12-05T03:00:00Z").toEpochMilli()));
    assertEquals("maintenance window 'patch' (cron \"0 0 3 * * ?\" for PT2H)", nightly.describe());
    assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.between("x",
        Instant.parse("2026-12-05T03:00:00Z"), Instant.parse("2026-12-05T01:00:00Z")));
  }

  private static String problem(RunbookLoader loader, Path file) {
    RunbookException e = assertThrows(RunbookException.class, () -> loader.loadAll(List.of(file)));
    return e.problems().get(0).toString();
  }

  private Path write(String id, String cron) throws Exception {
    return Files.writeString(dir.resolve(id + ".yaml"), "id: " + id + "\nschedule: \"" + cron + "\"\n"
        + "when: {fact: schedule}\ntarget: top_process_by_pss\nsteps: [capture_top]\nguards: {cooldown: 1m}\n");
  }

  static ProcessSample process(long ts) {
    return new ProcessSample(ts, 300, 1, "worker", "/usr/bin/worker", 1000, "S", 300L << 20, 0L, "/app", 700, 0,
        200L << 20, 200L << 20, false);
  }
}
