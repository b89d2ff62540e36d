package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link SetSwappinessAction}, on fixture trees only: the host's real swappiness is never touched. */
class SetSwappinessActionTest {

  @TempDir Path tmp;
  private final SetSwappinessAction action = new SetSwappinessAction();

  @Test
  void fixture_valueIsWrittenVerifiedAndRecorded() throws Exception {
    Path proc = fixture("60\n");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));

    ActionResult result = action.run(ctx(proc, 4242, "10", bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("vm.swappiness: 60 -> 10", result.detail());
    assertEquals("10\n", Files.readString(proc.resolve("sys/vm/swappiness")));
    assertEquals(List.of("swappiness.txt"), result.evidence());
    assertEquals("vm.swappiness: 60 -> 10\n", Files.readString(bundle.dir().resolve("swappiness.txt")));
  }

  @Test
  void thePidIsIgnored_aGoneTargetStillChangesTheHostWideSetting() throws Exception {
    Path proc = fixture("60\n"); // no <pid> directory at all

    ActionResult result = action.run(ctx(proc, LiveChildren.reapedPid(), "0", EvidenceBundle.open(tmp.resolve("b"))));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("0\n", Files.readString(proc.resolve("sys/vm/swappiness")));
  }

  @Test
  void missingSysctl_isFailedAndNothingIsCreated() throws Exception {
    Path proc = Files.createDirectories(tmp.resolve("proc"));

    ActionResult result = action.run(ctx(proc, 1, "10", EvidenceBundle.open(tmp.resolve("b"))));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("cannot set vm.swappiness: no such file",
        result.detail());
    assertFalse(Files.exists(proc.resolve("sys/vm/swappiness")));
  }

  @Test
  void run_withInvalidValueFailsWithoutTouchingTheHost() throws Exception {
    Path proc = fixture("60\n");

    ActionResult result = action.run(ctx(proc, 1, "201", EvidenceBundle.open(tmp.resolve("b"))));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("60\n", Files.readString(proc.resolve("sys/vm/swappiness")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
      "MISSING | parameter 'value' is required: an integer from 0 to 200",
      "low     | parameter 'value' must be an integer from 0 to 200, got 'low'",
      "-1      | parameter 'value' must be from 0 to 200, got -1",
      "201     | parameter 'value' must be from 0 to 200, got 201"})
  void validate_problems(String value, String problem) {
    Map<String, String> params = new HashMap<>();
    if (value != null) {
      params.put("value", value);
    }
    assertEquals(List.of(problem), action.validate(params));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "10", "100", "200"})
  void validate_acceptsTheRange(String value) {
    assertEquals(List.of(), action.validate(Map.of("value", value)));
  }

  private Path fixture(String swappiness) throws Exception {
    Path proc = tmp.resolve("proc");
    Files.createDirectories(proc.resolve("sys/vm"));
    Files.writeString(proc.resolve("sys/vm/swappiness"), swappiness);
    return proc;
  }

  private static ActionContext ctx(Path proc, int pid, String value, EvidenceBundle bundle) {
    return new ActionContext(pid, new HostRoot(proc.getParent()), Map.of("value", value), bundle,
        Duration.ofSeconds(5));
  }
}
