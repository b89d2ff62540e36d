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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link CaptureLogAction} with the real journalctl (this machine has no running journald, so it
 * answers {@code -- No entries --}), and with stand-in executables for the other outcomes.
 */
class CaptureLogActionTest {

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void argv_isTheGuidesCommandWithoutAShell() {
    assertEquals(List.of("journalctl", "_PID=42", "-n", "200", "--no-pager", "-o", "short-iso"),
        new CaptureLogAction().argv(42, 200));
  }

  @Test
  void liveChild_isOkWithTheJournalsOutput() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new CaptureLogAction().run(LiveChildren.live(child, Map.of("lines", "5"), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertTrue(result.detail().startsWith("journal of pid " + child.pid() + ": "), result.detail());
    assertEquals(List.of("log.txt"), bundle.files());
    assertTrue(Files.size(bundle.dir().resolve("log.txt")) > 0);
  }

  @Test
  void linesAndPidReachTheCommandAsArguments() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    // echo prints its argv: proof of what journalctl would have been given.
    ActionResult result = new CaptureLogAction("echo").run(LiveChildren.live(child, Map.of("lines", "7"), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("journal of pid " + child.pid() + ": 1 lines", result.detail());
    assertEquals("_PID=" + child.pid() + " -n 7 --no-pager -o short-iso\n",
        Files.readString(bundle.dir().resolve("log.txt")));
  }

  @Test
  void missingJournalctl_isFailedSayingSo() throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new CaptureLogAction("/nonexistent/journalctl")
        .run(LiveChildren.live(LiveChildren.reapedPid(), Map.of(), bundle));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertTrue(result.detail().startsWith("journalctl could not be started (is systemd's journalctl installed?): "
        + "cannot start"), result.detail());
    assertEquals(List.of(), bundle.files());
  }

  @Test
  void failingJournalctl_isFailedWithItsExitCode() throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new CaptureLogAction("false").run(LiveChildren.live(LiveChildren.reapedPid(), Map.of(),
        bundle));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("journalctl exited 1: no error output", result.detail());
    assertEquals(List.of(), bundle.files());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0     | parameter 'lines' must be from 1 to 10000, got 0",
      "10001 | parameter 'lines' must be from 1 to 10000, got 10001",
      "many  | parameter 'lines' must be an integer from 1 to 10000, got 'many'"})
  void validate_problems(String lines, String problem) {
    Map<String, String> params = new HashMap<>();
    params.put("lines", lines);
    assertEquals(List.of(problem), new CaptureLogAction().validate(params));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "200", "10000"})
  void validate_acceptsTheRange(String lines) {
    assertEquals(List.of(), new CaptureLogAction().validate(Map.of("lines", lines)));
  }
}
