package dev.medic.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.agent.MedicConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** heartbeat, journal and evidence in medic.yaml: defaults, values, and one-line errors with their position. */
class ServiceSettingsTest {

  private static MedicConfig load(Path dir, String yaml) throws Exception {
    Path f = dir.resolve("medic.yaml");
    Files.writeString(f, "runbooks: []\n" + yaml);
    return MedicConfig.load(f);
  }

  @Test
  void defaultsAndValues(@TempDir Path tmp) throws Exception {
    assertEquals(ServiceSettings.DEFAULTS, load(tmp, "").service());
    assertEquals(new ServiceSettings(Duration.ofSeconds(30), 1L << 20, 2, Duration.ofDays(7), 10L << 20),
        load(tmp, "heartbeat: 30s\njournal: {maxSize: 1MiB, keep: 2}\nevidence: {maxAge: 7d, maxTotal: 10MiB}\n")
            .service());
    assertEquals(Duration.ZERO, load(tmp, "heartbeat: 0s\n").service().heartbeat());
  }

  @Test
  void badValuesAreOneLineErrors(@TempDir Path tmp) {
    for (String[] c : new String[][] {
        {"journal: {maxSize: 1KiB}\n", "journal.maxSize must be at least 4KiB"},
        {"journal: {keep: 0}\n", "journal.keep must be between 1 and 1000"},
        {"evidence: {maxAge: soon}\n", "is not a duration"},
        {"journal: {maxsize: 1MiB}\n", "maxsize"}}) {
      MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class, () -> load(tmp, c[0]));
      assertTrue(e.getMessage().contains(c[1]) && !e.getMessage().contains("\n"), e.getMessage());
    }
  }
}
