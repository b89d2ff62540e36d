package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaptureTcpCountersAction}: real connections opened during the interval move the real counters. */
class CaptureTcpCountersActionTest {

  @TempDir Path tmp;

  @Test
  void connectionsOpenedDuringTheIntervalShowAsMovedCounters() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 50, lo)) {
      Thread traffic = new Thread(() -> {
        try {
          Thread.sleep(100);
          for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket(lo, server.getLocalPort()); Socket a = server.accept()) {
              s.getOutputStream().write(1);
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      traffic.start();
      ActionContext ctx = NetCaptures.goneTarget(tmp.resolve("b"), Map.of(CaptureTcpCountersAction.INTERVAL,
          "800ms"));
      ActionResult r = new CaptureTcpCountersAction().run(ctx);
      traffic.join();
      assertEquals(ActionResult.Status.OK, r.status(), r.detail());
      String text = NetCaptures.evidence(ctx, r);
      assertTrue(text.startsWith("# counters of host") && text.contains(" that changed in 800ms"), text);
      assertTrue(text.matches("(?s).*\\nTcp\\.ActiveOpens +\\+\\d+ \\d+\\n.*"), text);
      assertTrue(text.matches("(?s).*\\nTcp\\.PassiveOpens +\\+\\d+ \\d+\\n.*"), text);
    }
  }

  @Test
  void onlyTheCountersThatChangedAreListed() {
    Map<String, Long> before = new TreeMap<>(Map.of("TcpExt.ListenOverflows", 10L, "Tcp.RetransSegs", 5L));
    Map<String, Long> after = new TreeMap<>(Map.of("TcpExt.ListenOverflows", 22L, "Tcp.RetransSegs", 5L));
    assertEquals("h\n" + String.format("%-36s %+d %d%n", "TcpExt.ListenOverflows", 12, 22),
        CaptureTcpCountersAction.moved(before, after, "h\n"));
    assertEquals("h\n# none changed\n", CaptureTcpCountersAction.moved(before, before, "h\n"));
  }

  @Test
  void anIntervalAsLongAsTheTimeoutIsRefused() throws Exception {
    ActionContext ctx = new ActionContext(1, HostRoot.live(), Map.of(CaptureTcpCountersAction.INTERVAL, "5s"),
        EvidenceBundle.open(tmp.resolve("b")), Duration.ofSeconds(5));
    ActionResult r = new CaptureTcpCountersAction().run(ctx);
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertEquals("'interval' 5s is not shorter than the action's timeout of 5s", r.detail());
  }
}
