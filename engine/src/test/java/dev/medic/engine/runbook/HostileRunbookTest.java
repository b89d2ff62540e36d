package dev.medic.engine.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input in every place the new language constructs take text: each is refused with one clear problem at
 * the right line, so nothing an author writes can reach the generated DRL unchecked.
 */
class HostileRunbookTest {

  @TempDir
  Path dir;

  /** Each line replaces the condition of an otherwise valid runbook; line 3 is the condition. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{fact: process, trend: 'rss > 1MiB/min) then System.exit(1); end', over: 5m}",
      "{fact: process, trend: 'rss\" || true || \" > 1/min', over: 5m}",
      "{fact: process, trend: 'comm > 1/min', over: 5m}",
      "{fact: process, rate: 'rss > 1MiB/fortnight', over: 5m}",
      "{fact: cgroup, increased: 'oomKills) || true || (x'}",
      "{fact: cgroup, increased: path}",
      "{fact: oom_kill, count: '3); System.exit(1', within: 5m}",
      "{fact: oom_kill, count: 3, within: 'end'}",
      "{fact: process, as: 'x\" + System.exit(1) + \"'}",
      "{fact: process, as: process}",
      "{fact: 'process ) then end'}",
      "{fact: process, where: 'comm == \"a\" || true'}",
      "{fact: process, where: 'end == then'}"})
  void hostileConditionTextIsRefused(String condition) throws Exception {
    Path f = dir.resolve("hostile.yaml");
    Files.writeString(f, "id: hostile\n# a runbook whose condition is hostile\nwhen: " + condition
        + "\nsteps: [capture_pmap]\n");
    RunbookException e = assertThrows(RunbookException.class,
        () -> new RunbookLoader(ActionRegistry.builtin()).loadAll(List.of(f)));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(3, e.problems().get(0).position().line(), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tags: ['a\" then']", "id: 'x\" end'", "target: 'top\" then'", "mode: 'enforce\" end'",
      "guards: {maxPerHour: '1; end'}", "severity: 'critical\" end'"})
  void hostileTopLevelValuesAreRefused(String line) throws Exception {
    Path f = dir.resolve("hostile.yaml");
    String base = line.startsWith("id:") ? line + "\n" : "id: hostile\n" + line + "\n";
    Files.writeString(f, base + "when: {fact: process}\nsteps: [capture_pmap]\n");
    RunbookException e = assertThrows(RunbookException.class,
        () -> new RunbookLoader(ActionRegistry.builtin()).loadAll(List.of(f)));
    assertTrue(e.problems().size() >= 1 && e.problems().stream().allMatch(p -> p.position().line() <= 2),
        e.getMessage());
  }
}
