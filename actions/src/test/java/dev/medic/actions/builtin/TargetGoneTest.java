package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.medic.actions.Action;
import dev.medic.actions.ActionRegistry;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered action, run against a pid that no longer exists, says TARGET_GONE and writes nothing. */
class TargetGoneTest {

  @TempDir Path tmp;

  static List<String> actionNames() {
    return List.copyOf(ActionRegistry.builtin().names());
  }

  @ParameterizedTest
  @MethodSource("actionNames")
  void reapedPid_isTargetGone(String name) throws Exception {
    int pid = LiveChildren.reapedPid();
    assumeFalse(Files.exists(Path.of("/proc", Integer.toString(pid))), "pid " + pid + " was reused already");
    Action action = ActionRegistry.builtin().find(name).orElseThrow();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(pid, Map.of("value", "100", "full", "true"), bundle));

    assertEquals(ActionResult.Status.TARGET_GONE, result.status(), result.detail());
    assertEquals(List.of(), result.evidence());
    assertEquals(List.of(), bundle.files());
  }
}
