package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CaptureSocketsAction} against real connections on 127.0.0.1. */
class CaptureSocketsActionTest {

  @TempDir Path tmp;

  @Test
  void thePortFilterKeepsThatPortsSocketsAndLeavesOthersOut() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (ServerSocket wanted = new ServerSocket(0, 7, lo); ServerSocket other = new ServerSocket(0, 7, lo);
        Socket client = new Socket(lo, wanted.getLocalPort()); Socket accepted = wanted.accept()) {
      ActionContext ctx = NetCaptures.goneTarget(tmp.resolve("b"),
          Map.of(CaptureSocketsAction.PORT, Integer.toString(wanted.getLocalPort())));
      ActionResult r = new CaptureSocketsAction().run(ctx);
      assertEquals(ActionResult.Status.OK, r.status(), r.detail());
      String text = NetCaptures.evidence(ctx, r);
      assertTrue(text.startsWith("$ ss -s\n"), text);
      assertTrue(text.contains("ESTAB"), text); // the connection, with its internals (-i)
      assertTrue(text.contains(":" + wanted.getLocalPort()), text);
      assertFalse(text.contains(":" + other.getLocalPort() + " "), text);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0     | parameter 'port' must be from 1 to 65535, got 0",
      "http  | parameter 'port' must be an integer from 1 to 65535, got 'http'"})
  void badPortsAreRefused(String port, String problem) {
    assertEquals(List.of(problem), new CaptureSocketsAction().validate(Map.of(CaptureSocketsAction.PORT, port)));
  }

  @Test
  void withoutAPortEveryTcpSocketIsListed() throws Exception {
    ActionContext ctx = NetCaptures.goneTarget(tmp.resolve("b"), Map.of());
    ActionResult r = new CaptureSocketsAction().run(ctx);
    assertEquals(ActionResult.Status.OK, r.status(), r.detail());
    assertTrue(NetCaptures.evidence(ctx, r).contains("$ ss -tanpi\n"));
  }
}
