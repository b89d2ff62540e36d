package dev.medic.engine.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code guards.fleet}: read into the runbook's guards, refused with one clear problem when wrong. */
class FleetGuardTest {

  @TempDir
  Path dir;

  private Runbook load(String guards) throws Exception {
    Path f = dir.resolve("fleet.yaml");
    Files.writeString(f, "id: fleet\nwhen: {fact: process}\nsteps: [capture_pmap]\nguards: " + guards + "\n");
    return new RunbookLoader(ActionRegistry.builtin()).loadAll(List.of(f)).get(0);
  }

  @Test
  void theLimitsAreRead() throws Exception {
    FleetGuard g = load("{fleet: {group: service, maxHosts: 2, maxSharePerHour: 10%}}").guards().fleet()
        .orElseThrow();
    assertEquals(new FleetGuard("service", Optional.of(2), Optional.of(0.1)), g);
    assertEquals(Optional.empty(), load("{cooldown: 5m}").guards().fleet(), "without it: the config's defaults");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{fleet: {maxHosts: 2}}", "{fleet: {group: service}}", "{fleet: {group: s, maxHosts: 0}}",
      "{fleet: {group: s, maxSharePerHour: 150%}}", "{fleet: {group: 'a b', maxHosts: 1}}",
      "{fleet: {group: s, maxHosts: 1, hosts: 2}}", "{fleet: 3}"})
  void aWrongGuardIsOneProblemOnItsLine(String guards) {
    RunbookException e = assertThrows(RunbookException.class, () -> load(guards));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(4, e.problems().get(0).position().line(), e.getMessage());
    assertTrue(e.getMessage().contains("fleet") || e.getMessage().contains("maxHosts")
        || e.getMessage().contains("maxSharePerHour") || e.getMessage().contains("hosts"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"10%, 0.1", "0.25, 0.25", "100%, 1.0", "1, 1.0"})
  void sharesAreReadAsFractions(String text, double share) {
    assertEquals(Optional.of(share), FleetGuard.share(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0%", "0", "101%", "1.5", "ten", "-5%"})
  void sharesOutsideZeroToOneAreRefused(String text) {
    assertEquals(Optional.empty(), FleetGuard.share(text));
  }
}
