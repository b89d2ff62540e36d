package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code medic probe}'s network section on the live host: a listener the test opens is there with its backlog and
 * this JVM as owner, and a child out of descriptors ({@code ulimit -n 16}, python filling its table) is listed
 * among the processes near their open-file limit.
 */
class ProbeNetworkSectionTest {

  @Test
  void listenersWithBacklogAndOwnerAndAProcessAtItsFdLimit() throws Exception {
    assumeTrue(DiagnoseCommandTest.onPath("python3"), "needs python3");
    Process hog = new ProcessBuilder("/bin/bash", "-c", "ulimit -n 16; exec python3 -c \"$0\"",
        DiagnoseCommandTest.FD_HOG).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (ServerSocket listener = new ServerSocket(0, 7, InetAddress.getLoopbackAddress())) {
      String line = new BufferedReader(new InputStreamReader(hog.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      assumeTrue(line != null, "the fd hog did not start");
      CliRun json = CliRun.of("probe", "--json", "--top", "0");
      assertEquals(MedicCli.OK, json.code(), json.toString());
      JsonNode network = ProbeCommandTest.JSON.readTree(json.out()).get("network");
      JsonNode mine = null;
      for (JsonNode l : network.get("listeners")) {
        if (l.get("port").asInt() == listener.getLocalPort()) {
          mine = l;
        }
      }
      assertTrue(mine != null, network.get("listeners").toString());
      assertEquals(7, mine.get("backlog").asInt());
      assertEquals(ProcessHandle.current().pid(), mine.get("pid").asLong());
      boolean hogListed = false;
      for (JsonNode p : network.get("fdsNearLimit")) {
        hogListed |= p.get("pid").asLong() == hog.pid() && p.get("limit").asLong() == 16;
      }
      assertTrue(hogListed, network.get("fdsNearLimit").toString());
      assertTrue(network.get("files").get("max").asLong() > 0);

      CliRun text = CliRun.of("probe", "--top", "3");
      assertTrue(text.out().contains("Network (host):"), text.out());
      assertTrue(text.out().contains("TCP counters that moved in "), text.out());
      assertTrue(text.out().lines().anyMatch(l -> l.startsWith("  ! pid " + hog.pid() + " (")
          && l.endsWith(") 16 of 16 open files (100%)")), text.out());
    } finally {
      hog.destroyForcibly();
      hog.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
