package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What the network capture tests share: a context on the live host for a gone target, and the evidence text. */
final class NetCaptures {

  private NetCaptures() {}

  /** A context whose target has exited and been reaped: network captures must not need it. */
  static ActionContext goneTarget(Path bundle, Map<String, String> params) throws IOException, InterruptedException {
    return new ActionContext(LiveChildren.reapedPid(), HostRoot.live(), params, EvidenceBundle.open(bundle),
        Duration.ofSeconds(10));
  }

  static String evidence(ActionContext ctx, ActionResult result) throws IOException {
    return Files.readString(ctx.evidence().dir().resolve(result.evidence().get(0)));
  }
}
