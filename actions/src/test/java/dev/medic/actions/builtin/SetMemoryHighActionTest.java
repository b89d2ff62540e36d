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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SetMemoryHighAction} on a fixture host (this host's memory controller is v1, which has no memory.high):
 * the throttle is written, held and restored, and a v1 cgroup is refused without a change.
 */
class SetMemoryHighActionTest {

  @TempDir Path tmp;
  private final SetMemoryHighAction action = new SetMemoryHighAction();

  @Test
  void theThrottleIsHeldThenThePreviousValueRestored() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(42, "filler", 1)
        .file(42, "cgroup", "0::/app.slice/batch.service\n");
    Path cg = Files.createDirectories(tmp.resolve("sys/fs/cgroup/app.slice/batch.service"));
    Files.writeString(cg.resolve("memory.max"), "1073741824\n");
    Files.writeString(cg.resolve("memory.high"), "max\n");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));
    ActionContext ctx = new ActionContext(42, proc.host, Map.of("percent", "90", "hold", "1s"), bundle,
        Duration.ofSeconds(10));

    long started = System.nanoTime();
    ActionResult result = action.run(ctx);

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertTrue(System.nanoTime() - started >= 1_000_000_000L, "held for the second");
    assertEquals("memory.high of cgroup /app.slice/batch.service: max -> 966365184 for 1s, restored to max",
        result.detail());
    assertEquals("max", Files.readString(cg.resolve("memory.high")));
    assertEquals("cgroup /app.slice/batch.service\nmemory.max 1073741824\nmemory.high max -> 966365184 for 1s\n"
        + "restored to max\n", Files.readString(bundle.dir().resolve(SetMemoryHighAction.FILE)));
    assertEquals(List.of(SetMemoryHighAction.FILE), result.evidence());
  }

  @Test
  void aV1CgroupHasNothingToThrottleWith() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(42, "filler", 1)
        .file(42, "cgroup", "4:memory:/batch\n1:name=systemd:/batch\n");
    Path cg = Files.createDirectories(tmp.resolve("sys/fs/cgroup/batch"));
    Files.writeString(cg.resolve("memory.limit_in_bytes"), "1073741824\n");
    ActionResult result = action.run(new ActionContext(42, proc.host, Map.of(), EvidenceBundle.open(tmp.resolve("b")),
        Duration.ofSeconds(10)));
    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("cgroup /batch has no memory.high (cgroup v1): nothing to throttle with", result.detail());
  }

  @Test
  void parametersAreBounded() {
    assertEquals(List.of(), action.validate(Map.of("percent", "80", "hold", "5s")));
    assertEquals(1, action.validate(Map.of("percent", "20")).size());
    assertEquals(1, action.validate(Map.of("hold", "2m")).size());
    assertEquals(966365184L, SetMemoryHighAction.high(1L << 30, 90));
  }
}
