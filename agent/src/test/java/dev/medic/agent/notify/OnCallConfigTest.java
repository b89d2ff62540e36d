package dev.medic.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.agent.MedicConfig;
import dev.medic.engine.gate.GateSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code notify:} and {@code maintenance:} in medic.yaml: read strictly, every mistake one line with a position. */
class OnCallConfigTest {

  @TempDir
  Path tmp;

  static final String GOOD = """
      runbooks: [runbooks]
      notify:
        queue: 64
        routes:
          - match: {severity: critical, tags: [network]}
            to: [oncall]
            continue: true
          - match: {runbook: leak-suspect}
            to: [mail-ops, oncall]
        sinks:
          oncall: {webhook: "http://127.0.0.1:9093/api/v2/alerts", format: alertmanager, retries: 5, backoff: 2s}
          mail-ops: {smtp: "127.0.0.1:2525", from: medic@db1.example, to: [ops@example.com], timeout: 3s}
      maintenance:
        - {name: nightly-patch, cron: "0 0 2 * * ?", duration: 2h}
        - {name: db-migration, from: "2026-12-05T01:00:00Z", to: "2026-12-05T03:00:00Z"}
      """;

  @Test
  void aFullSectionReadsIntoSinksRoutesAndWindows() throws Exception {
    Path file = Files.writeString(tmp.resolve("medic.yaml"), GOOD);
    MedicConfig config = MedicConfig.load(file);
    NotifySettings n = config.onCall().notifications();
    assertEquals(64, n.queue());
    assertEquals(2, n.routes().size());
    assertEquals(java.util.List.of("critical"), n.routes().get(0).severities());
    assertTrue(n.routes().get(0).continueMatching());
    assertEquals(java.util.List.of("leak-suspect"), n.routes().get(1).runbooks());
    assertEquals(WebhookSink.Format.ALERTMANAGER, n.sinks().get("oncall").format());
    assertEquals(5, n.sinks().get("oncall").retries());
    assertEquals(2525, n.sinks().get("mail-ops").port());
    assertFalse(n.sinks().get("mail-ops").webhook());
    GateSettings gates = config.gates();
    assertEquals(2, gates.maintenance().size());
    assertTrue(gates.maintenance().get(1).openAt(Instant.parse("2026-12-05T02:00:00Z").toEpochMilli()));
    assertTrue(gates.maintenance().get(0).openAt(Instant.parse("2026-12-06T03:59:00Z").toEpochMilli()));
    assertEquals(OnCallSettings.NONE, MedicConfig.defaults(java.util.List.of()).onCall());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "      retries: 5, backoff: 2s}|      retries: 5, backof: 2s}|unknown setting 'backof'",
      "to: [mail-ops, oncall]|to: [mail-ops, pager]|unknown sink 'pager'",
      "format: alertmanager|format: prometheus|format must be medic or alertmanager",
      "cron: \"0 0 2 * * ?\"|cron: \"0 0 26 * * ?\"|cron \"0 0 26 * * ?\" is not valid",
      "to: \"2026-12-05T03:00:00Z\"|to: \"2026-12-05T00:00:00Z\"|'to' must be after 'from'",
      "to: [ops@example.com]|to: [ops]|'ops' is not a mail address",
      "severity: critical|severity: urgent|severity 'urgent' is not info, warning or critical"})
  void everyMistakeIsOneLineWithAPosition(String from, String to, String expected) throws Exception {
    assertTrue(GOOD.contains(from), from);
    Path file = Files.writeString(tmp.resolve("medic.yaml"), GOOD.replace(from, to));
    MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class, () -> MedicConfig.load(file));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.toString() + ":"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
