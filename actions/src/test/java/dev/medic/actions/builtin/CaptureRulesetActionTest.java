package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaptureRulesetAction}: the ruleset where nft runs, a clear failure where it cannot. */
class CaptureRulesetActionTest {

  @TempDir Path tmp;

  @Test
  void theRulesetOrAOneLineReasonWhyNot() throws Exception {
    ActionContext ctx = NetCaptures.goneTarget(tmp.resolve("b"), Map.of());
    ActionResult r = new CaptureRulesetAction().run(ctx);
    if (r.status() == ActionResult.Status.OK) {
      assertTrue(NetCaptures.evidence(ctx, r).startsWith("$ nft -a list ruleset\n"));
    } else {
      assertEquals(ActionResult.Status.FAILED, r.status());
      assertTrue(r.detail().startsWith("nft exited "), r.detail());
      assertTrue(!r.detail().contains("\n"), r.detail());
    }
  }
}
