package dev.medic.fleet;

import dev.medic.fleet.zk.ZkFleetCoordinator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where a coordinator comes from: none for a single host, ZooKeeper when {@code medic.yaml} has {@code fleet:}. */
public final class Fleet {

  /** A single host: every permit granted at once, with no limit and token 0; nothing to publish. */
  public static final FleetCoordinator NONE = new FleetCoordinator() {
    @Override
    public String host() {
      return "localhost";
    }

    @Override
    public Grant acquire(PermitRequest r) {
      return new Grant.Granted(new Permit("none", r.scope(), r.incident(), "", 0, 0, r.durable()), 1);
    }

    @Override
    public Optional<String> confirm(Permit permit, Duration step) {
      return Optional.empty();
    }

    @Override
    public void release(Permit permit) {}

    @Override
    public List<Permit> durablePermits() {
      return List.of();
    }

    @Override
    public FleetHealth health() {
      return new FleetHealth(false, true, "single host", 0, "");
    }

    @Override
    public void publish(AgentStatus status) {}

    @Override
    public void incident(FleetIncident incident) {}

    @Override
    public List<AgentStatus> agents() {
      return List.of();
    }

    @Override
    public List<FleetIncident> incidents() {
      return List.of();
    }

    @Override
    public void onLost(Consumer<Permit> listener) {}

    @Override
    public void close() {}
  };

  private Fleet() {}

  /**
   * The coordinator for these settings, started; it waits up to {@code connectTimeout} for a first session and
   * fails closed (every request unavailable) until it has one.
   */
  public static FleetCoordinator connect(Optional<FleetSettings> settings, String mode) {
    return settings.<FleetCoordinator>map(s -> ZkFleetCoordinator.start(s, mode)).orElse(NONE);
  }
}
