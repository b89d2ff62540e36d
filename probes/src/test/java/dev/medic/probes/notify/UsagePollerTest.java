package dev.medic.probes.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback on fixture usage files: one report per upward crossing, of the scope that crossed. */
class UsagePollerTest {

  @Test
  void reportsEachUpwardCrossingOnce(@TempDir Path tmp) throws Exception {
    Path a = Files.writeString(tmp.resolve("a.current"), "100\n");
    Path b = Files.writeString(tmp.resolve("b.current"), "100\n");
    try (UsagePoller poller = new UsagePoller(
        List.of(new UsagePoller.Watched("/a", a, 1000), new UsagePoller.Watched("/b", b, 500)), 5)) {
      assertTrue(poller.await(30).isEmpty());
      Files.writeString(b, "600\n");
      Crossing c = poller.await(30).orElseThrow();
      assertEquals("/b", c.scope());
      assertEquals(600, c.usage());
      assertEquals(500, c.threshold());
      assertEquals(UsagePoller.SOURCE, c.source());
      assertTrue(poller.await(30).isEmpty(), "still above: not reported again");
      Files.writeString(b, "400\n");
      assertTrue(poller.await(30).isEmpty());
      Files.writeString(b, "700\n");
      assertEquals("/b", poller.await(30).orElseThrow().scope());
    }
  }

  @Test
  void aGoneScopeIsAnError(@TempDir Path tmp) {
    UsagePoller poller = new UsagePoller(List.of(new UsagePoller.Watched("/x", tmp.resolve("none"), 1)), 5);
    assertThrows(IOException.class, () -> poller.await(10));
    assertThrows(IllegalArgumentException.class, () -> new UsagePoller(List.of(), 0));
  }
}
