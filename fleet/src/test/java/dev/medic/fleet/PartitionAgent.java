package dev.medic.fleet;

import dev.medic.fleet.zk.ZkFleetCoordinator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One agent of the partition lab, run in a child JVM inside a network namespace: it asks for a 1-host permit,
 * confirms it right before its "step" (300 ms), and logs every event with the shared host clock:
 * {@code <millis> <host> GRANT|START|END|REFUSED|UNAVAILABLE|VETO|STATE <detail>}.
 */
public final class PartitionAgent {

  static final Duration STEP = Duration.ofMillis(300);

  private PartitionAgent() {}

  public static void main(String[] args) throws Exception {
    String connect = args[0];
    String chroot = args[1];
    String host = args[2];
    FleetSettings s = new FleetSettings(connect, chroot, Duration.ofSeconds(3), Duration.ofSeconds(20), host,
        Map.of("service", "lab"), new FleetLimits("service", 1, Optional.empty()), Set.of(), Set.of());
    try (ZkFleetCoordinator c = ZkFleetCoordinator.start(s, "enforce")) {
      String last = "";
      while (true) {
        FleetHealth h = c.health();
        if (!h.state().equals(last)) {
          log(host, "STATE", h.state());
          last = h.state();
        }
        Grant g = c.acquire(new PermitRequest("service", "lab", 1, Optional.empty(), false, host + "-i"));
        if (g instanceof Grant.Granted granted) {
          Permit p = granted.permit();
          log(host, "GRANT", Long.toString(p.token()));
          Optional<String> veto = c.confirm(p, STEP);
          if (veto.isEmpty()) {
            log(host, "START", Long.toString(p.token()));
            Thread.sleep(STEP.toMillis());
            log(host, "END", Long.toString(p.token()));
          } else {
            log(host, "VETO", veto.get());
          }
          c.release(p);
        } else if (g instanceof Grant.Refused r) {
          log(host, "REFUSED", "-");
        } else {
          log(host, "UNAVAILABLE", ((Grant.Unavailable) g).reason().replace(' ', '_'));
        }
        Thread.sleep(100 + ThreadLocalRandom.current().nextInt(150));
      }
    }
  }

  private static synchronized void log(String host, String what, String detail) {
    System.out.println(System.currentTimeMillis() + " " + host + " " + what + " " + detail);
    System.out.flush();
  }
}
