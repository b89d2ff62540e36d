package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link RestartUnitAction}. The real systemctl is only ever asked to restart a unit that does not
 * exist; on this machine it fails anyway (PID 1 is not systemd). Stand-in executables ({@code true},
 * {@code echo}) drive the OK path.
 */
class RestartUnitActionTest {

  private static final String NONEXISTENT = "medic-test-nonexistent.service";

  @TempDir Path tmp;
  private final RestartUnitAction action = new RestartUnitAction();

  @Test
  void realSystemctl_failingRestartIsFailedWithStderrAndRecorded() throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(LiveChildren.reapedPid(), Map.of("unit", NONEXISTENT),
        bundle));

    assertEquals(ActionResult.Status.FAILED, result.status(), result.detail());
    // Without systemd as PID 1: "System has not been booted with systemd…"; with it: "Unit … not found."
    assertTrue(result.detail().matches("systemctl restart " + NONEXISTENT + " exited [1-9][0-9]*: .+"),
        result.detail());
    assertEquals(List.of("restart.txt"), result.evidence());
    String record = Files.readString(bundle.dir().resolve("restart.txt"));
    assertTrue(record.startsWith("command: systemctl restart -- " + NONEXISTENT + "\n"), record);
    assertTrue(record.contains("\nexit code: "), record);
    assertTrue(record.contains("\n== stderr ==\n"), record);
  }

  @Test
  void zeroExit_isOkAndRecorded() throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new RestartUnitAction("echo").run(LiveChildren.live(4242, Map.of("unit", "app.service"),
        bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("restarted app.service", result.detail());
    String record = Files.readString(bundle.dir().resolve("restart.txt"));
    assertTrue(record.startsWith("command: echo restart -- app.service\ntarget pid: 4242 (context only)\n"
        + "exit code: 0\ntook: "), record);
    assertTrue(record.endsWith(" ms\n== stdout ==\nrestart -- app.service\n== stderr ==\n"), record);
  }

  @Test
  void missingSystemctl_isFailed() throws Exception {
    ActionResult result = new RestartUnitAction("/nonexistent/systemctl")
        .run(LiveChildren.live(4242, Map.of("unit", "app.service"), EvidenceBundle.open(tmp)));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertTrue(result.detail().startsWith("systemctl restart app.service exited -1: cannot start"), result.detail());
  }

  @Test
  void invalidUnitAtRunTime_isFailedAndNothingRuns() throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new RestartUnitAction("echo").run(LiveChildren.live(4242, Map.of("unit", "sshd.service"),
        bundle));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("refusing to restart sshd.service: it would cut off remote access to the host", result.detail());
    assertEquals(List.of(), bundle.files());
  }

  @Test
  void argv_endsOptionsBeforeTheUnit() {
    assertEquals(List.of("systemctl", "restart", "--", "app.service"), action.argv("app.service"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
      "MISSING             | parameter 'unit' is required: a systemd unit name such as app.service",
      "' '                 | parameter 'unit' is required: a systemd unit name such as app.service",
      "-.mount             | parameter 'unit' must not start with '-', got '-.mount'",
      "--help.service      | parameter 'unit' must not start with '-', got '--help.service'",
      "app                 | " + SYNTAX + "'app'",
      "app.slice           | " + SYNTAX + "'app.slice'",
      "app.service;reboot  | " + SYNTAX + "'app.service;reboot'",
      "my app.service      | " + SYNTAX + "'my app.service'",
      "../x.service        | " + SYNTAX + "'../x.service'",
      "$(reboot).service   | " + SYNTAX + "'$(reboot).service'",
      "sshd.service        | refusing to restart sshd.service: it would cut off remote access to the host",
      "ssh.service         | refusing to restart ssh.service: it would cut off remote access to the host",
      "ssh.socket          | refusing to restart ssh.socket: it would cut off remote access to the host",
      "sshd@0-10.0.0.1:22-10.0.0.2:5555.service | refusing to restart sshd@0-10.0.0.1:22-10.0.0.2:5555.service: "
          + "it would cut off remote access to the host",
      "networking.service  | refusing to restart networking.service: it would cut off remote access to the host",
      "systemd-journald.service | refusing to restart systemd-journald.service: systemd's own units keep the "
          + "host running (journal, udev, logind, networking)",
      "systemd-logind.service | refusing to restart systemd-logind.service: systemd's own units keep the host "
          + "running (journal, udev, logind, networking)",
      "dbus.service        | refusing to restart dbus.service: restarting the system bus breaks systemd, logind "
          + "and most services",
      "medic.service       | refusing to restart medic.service: Medic would kill itself in the middle of this action",
      "init.scope          | refusing to restart init.scope: it is PID 1",
      "reboot.target       | refusing to restart reboot.target: starting it reboots, powers off, suspends or "
          + "isolates the host",
      "rescue.target       | refusing to restart rescue.target: starting it reboots, powers off, suspends or "
          + "isolates the host"})
  void validate_problems(String unit, String problem) {
    Map<String, String> params = new HashMap<>();
    if (unit != null) {
      params.put("unit", unit);
    }
    assertEquals(List.of(problem), action.validate(params));
  }

  private static final String SYNTAX = "parameter 'unit' must be a unit name of letters, digits and : _ . @ - "
      + "ending in .service, .scope, .socket, .target, .timer or .mount, got ";

  @ParameterizedTest
  @ValueSource(strings = {"app.service", "nginx.service", "postgresql@15-main.service", "app-1.scope",
      "docker.socket", "backup.timer", "srv-data.mount", "app.target", "user@1000.service", "sshd-keygen.service",
      "my:odd_name.service"})
  void validate_accepts(String unit) {
    assertEquals(List.of(), action.validate(Map.of("unit", unit)));
  }

  @Test
  void validate_refusesOverlongNames() {
    assertEquals(1, action.validate(Map.of("unit", "a".repeat(300) + ".service")).size());
  }
}
