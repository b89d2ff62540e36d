package dev.medic.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.fleet.zk.ZkFleetCoordinator;
import java.util.Map;

/** The bench's memory probe: idles with Jackson loaded and, given a connect string, a connected fleet client. */
public final class FleetRss {

  private FleetRss() {}

  public static void main(String[] args) throws Exception {
    new ObjectMapper().writeValueAsString(Map.of("warm", true));
    if (args[0].equals("none")) {
      Thread.sleep(Long.MAX_VALUE);
    }
    try (ZkFleetCoordinator c = ZkFleetCoordinator.start(FleetBench.settings(args[0], args[1], "rss"), "advise")) {
      c.publish(new AgentStatus("rss", "advise", Map.of("service", "bench"), 0, 0, System.currentTimeMillis()));
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
