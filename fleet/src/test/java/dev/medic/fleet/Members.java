package dev.medic.fleet;

import dev.medic.engine.plan.Plan;
import dev.medic.engine.plan.PlannedAction;
import dev.medic.engine.runbook.FleetGuard;
import dev.medic.engine.runbook.Guards;
import dev.medic.engine.runbook.Severity;
import dev.medic.fleet.zk.ZkFleetCoordinator;
import dev.medic.probes.facts.ProcessSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Real coordinators against a real ensemble, each under a chroot of its own test, closed after it. */
final class Members implements AutoCloseable {

  final String chroot = "/medic-t-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private final String connect;
  private final List<AutoCloseable> open = new ArrayList<>();

  Members(String connect) {
    this.connect = connect;
  }

  static FleetSettings settings(String connect, String chroot, String host, Map<String, String> groups,
      Duration session) {
    return new FleetSettings(connect, chroot, session, Duration.ofSeconds(5), host, groups,
        new FleetLimits("service", 1, Optional.empty()), Set.of("reboot"), Set.of("medic.service"));
  }

  FleetSettings settings(String host, String service, Duration session) {
    return settings(connect, chroot, host, Map.of("service", service), session);
  }

  ZkFleetCoordinator agent(String host, String service) {
    return agent(settings(host, service, Duration.ofSeconds(10)));
  }

  ZkFleetCoordinator agent(FleetSettings s) {
    ZkFleetCoordinator c = ZkFleetCoordinator.start(s, "enforce");
    open.add(c);
    return c;
  }

  static PermitRequest request(String incident, int maxHosts) {
    return new PermitRequest("service", "restart-hog", maxHosts, Optional.empty(), false, incident);
  }

  /** A plan with one capture and one host-changing action, as the plan factory makes them. */
  static Plan plan(String incident, String action, Optional<FleetGuard> fleet) {
    ProcessSample p = new ProcessSample(1000, 4242, 1, "hog", "hog --serve", 1000, "S", 100L << 20, 0L, "/app",
        700, 0, 90L << 20, 90L << 20, false);
    List<PlannedAction> actions = List.of(new PlannedAction("capture_identity", Map.of(), false),
        new PlannedAction(action, Map.of("unit", "app.service"), true));
    return new Plan(incident, "restart-hog", "restart-hog#0", 1000, Severity.WARNING, "process 4242", p, List.of(),
        "summary", "advice", actions, Optional.empty(),
        new Guards(Guards.DEFAULT_COOLDOWN, Optional.empty(), false, false, fleet), List.of());
  }

  /** Waits up to {@code millis} for the condition; true if it held. */
  static boolean eventually(long millis, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  /** The coordinator started last. */
  FleetCoordinator lastAgent() {
    return (FleetCoordinator) open.get(open.size() - 1);
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }
}
