package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaptureLinksAction} on the live host: the loopback interface and its qdisc are always there. */
class CaptureLinksActionTest {

  @TempDir Path tmp;

  @Test
  void interfacesAndQdiscsWithTheirCounters() throws Exception {
    ActionContext ctx = NetCaptures.goneTarget(tmp.resolve("b"), Map.of());
    ActionResult r = new CaptureLinksAction().run(ctx);
    assertEquals(ActionResult.Status.OK, r.status(), r.detail());
    String text = NetCaptures.evidence(ctx, r);
    assertTrue(text.startsWith("$ ip -s link\n"), text);
    assertTrue(text.contains(": lo: "), text);
    assertTrue(text.contains("RX:"), text);
    assertTrue(text.contains("$ tc -s qdisc\n"), text);
  }
}
