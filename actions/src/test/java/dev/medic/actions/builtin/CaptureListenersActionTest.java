package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaptureListenersAction} against a real listening socket, for a target that is gone. */
class CaptureListenersActionTest {

  @TempDir Path tmp;

  @Test
  void listsARealListenerWithItsQueueWhenTheTargetIsGone() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 7, InetAddress.getLoopbackAddress())) {
      ActionContext ctx = NetCaptures.goneTarget(tmp.resolve("b"), Map.of());
      ActionResult r = new CaptureListenersAction().run(ctx);
      assertEquals(ActionResult.Status.OK, r.status(), r.detail());
      assertEquals(List.of(CaptureListenersAction.FILE), r.evidence());
      String text = NetCaptures.evidence(ctx, r);
      assertTrue(text.startsWith("$ ss -ltnp\n"), text);
      assertTrue(text.contains("127.0.0.1]:" + server.getLocalPort() + " ")
          || text.contains("127.0.0.1:" + server.getLocalPort() + " "), text); // IPv4-mapped when the JVM binds v6
    }
  }
}
