package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link SetOomScoreAdjAction}. */
class SetOomScoreAdjActionTest {

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();
  private final SetOomScoreAdjAction action = new SetOomScoreAdjAction();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void liveChild_valueIsWrittenAndVerified() throws Exception {
    Process child = children.sleep();
    Path file = Path.of("/proc", Long.toString(child.pid()), "oom_score_adj");
    String before = Files.readString(file).strip();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(child, Map.of("value", "500"), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("500", Files.readString(file).strip());
    assertEquals("oom_score_adj of pid " + child.pid() + ": " + before + " -> 500\n",
        Files.readString(bundle.dir().resolve("oom_score_adj.txt")));
    assertEquals(List.of("oom_score_adj.txt"), result.evidence());
  }

  @Test
  void fixture_fileIsReplacedNotAppended() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(42, "app", 1).file(42, "oom_score_adj", "100\n");
    ActionContext ctx = new ActionContext(42, proc.host, Map.of("value", "-17"), EvidenceBundle.open(tmp.resolve("b")),
        Duration.ofSeconds(5));

    ActionResult result = action.run(ctx);

    assertEquals("oom_score_adj of pid 42: 100 -> -17", result.detail());
    assertEquals("-17\n", Files.readString(proc.root.resolve("42/oom_score_adj")));
  }

  @Test
  void fixture_missingFileIsGoneAndNotCreated() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(42, "app", 1);
    ActionContext ctx = new ActionContext(42, proc.host, Map.of("value", "5"), EvidenceBundle.open(tmp.resolve("b")),
        Duration.ofSeconds(5));

    assertEquals(ActionResult.Status.TARGET_GONE, action.run(ctx).status());
    assertEquals(false, Files.exists(proc.root.resolve("42/oom_score_adj")));
  }

  @Test
  void run_withInvalidValueFailsWithoutTouchingTheHost() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(42, "app", 1).file(42, "oom_score_adj", "0\n");
    ActionContext ctx = new ActionContext(42, proc.host, Map.of("value", "9999"), EvidenceBundle.open(tmp.resolve("b")),
        Duration.ofSeconds(5));

    assertEquals(ActionResult.Status.FAILED, action.run(ctx).status());
    assertEquals("0\n", Files.readString(proc.root.resolve("42/oom_score_adj")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
      "MISSING | parameter 'value' is required: an integer from -1000 to 1000",
      "abc     | parameter 'value' must be an integer from -1000 to 1000, got 'abc'",
      "1.5     | parameter 'value' must be an integer from -1000 to 1000, got '1.5'",
      "2000    | parameter 'value' must be from -1000 to 1000, got 2000",
      "-1001   | parameter 'value' must be from -1000 to 1000, got -1001"})
  void validate_problems(String value, String problem) {
    Map<String, String> params = new HashMap<>();
    if (value != null) {
      params.put("value", value);
    }
    assertEquals(List.of(problem), action.validate(params));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1000", "0", "500", "1000"})
  void validate_acceptsTheRange(String value) {
    assertEquals(List.of(), action.validate(Map.of("value", value)));
  }
}
