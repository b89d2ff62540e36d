package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link CaptureSmapsAction}. */
class CaptureSmapsActionTest {

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();
  private final CaptureSmapsAction action = new CaptureSmapsAction();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void rollupOnlyByDefault() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(child, Map.of(), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals(List.of("smaps_rollup.txt"), bundle.files());
    assertTrue(Files.readString(bundle.dir().resolve("smaps_rollup.txt")).contains("Rss:"));
  }

  @Test
  void fullAlsoCopiesSmaps() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(child, Map.of("full", "true"), bundle));

    assertEquals(List.of("smaps_rollup.txt", "smaps.txt"), result.evidence());
    assertTrue(Files.readString(bundle.dir().resolve("smaps.txt")).contains("Size:"));
  }

  @Test
  void missingRollupOnALiveProcessFails() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(9, "old-kernel", 1);
    ActionContext ctx = new ActionContext(9, proc.host, Map.of(), EvidenceBundle.open(tmp.resolve("b")),
        Duration.ofSeconds(5));

    ActionResult result = action.run(ctx);

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("cannot read smaps: no such file", result.detail());
  }

  @Test
  void validate_full() {
    assertEquals(List.of(), action.validate(Map.of()));
    assertEquals(List.of(), action.validate(Map.of("full", "false")));
    assertEquals(List.of("parameter 'full' must be \"true\" or \"false\", got 'yes'"),
        action.validate(Map.of("full", "yes")));
  }
}
