package dev.medic.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.medic.engine.runbook.FleetGuard;
import dev.medic.engine.runbook.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code fleet:} in {@code medic.yaml}: where the coordinator is and who this host is in the fleet. Without the
 * section Medic works alone, as always.
 *
 * <pre>{@code
 * fleet:
 *   connect: zk1:2181,zk2:2181,zk3:2181
 *   chroot: /medic/v1
 *   sessionTimeout: 30s
 *   host: web-7                       # default: the host name
 *   groups: {service: api, zone: eu-1}
 *   limits: {group: service, maxHosts: 1, maxSharePerHour: 10%}   # for runbooks without guards.fleet
 *   durableActions: [reboot]          # actions that take the host or the agent down
 *   criticalUnits: [medic.service]    # restart_unit of these holds a durable permit too
 * }</pre>
 *
 * @param connect the ZooKeeper connect string
 * @param chroot the tree every Medic node lives under
 * @param sessionTimeout the session timeout asked of the ensemble (it negotiates within its own bounds)
 * @param connectTimeout how long the agent waits for a first connection at start before it starts failing closed
 * @param host this host's name in the fleet
 * @param groups this host's groups
 * @param limits the defaults for runbooks without {@code guards.fleet}
 * @param durableActions actions that hold a durable permit until the host reports healthy
 * @param criticalUnits units whose {@code restart_unit} holds a durable permit
 */
public record FleetSettings(String connect, String chroot, Duration sessionTimeout, Duration connectTimeout,
    String host, Map<String, String> groups, FleetLimits limits, Set<String> durableActions,
    Set<String> criticalUnits) {

  public FleetSettings {
    groups = Map.copyOf(groups);
    durableActions = Set.copyOf(durableActions);
    criticalUnits = Set.copyOf(criticalUnits);
  }

  /** The section's shape; unknown keys are refused by the strict YAML reader. */
  public record Raw(
      String connect,
      String chroot,
      @JsonProperty("sessionTimeout") String sessionTimeout,
      @JsonProperty("connectTimeout") String connectTimeout,
      String host,
      Map<String, String> groups,
      RawLimits limits,
      @JsonProperty("durableActions") List<String> durableActions,
      @JsonProperty("criticalUnits") List<String> criticalUnits) {}

  /** {@code fleet.limits}. */
  public record RawLimits(String group, @JsonProperty("maxHosts") String maxHosts,
      @JsonProperty("maxSharePerHour") String maxSharePerHour) {}

  /** {@code host:port[,host:port…]}; no spaces, no chroot suffix (that is {@code chroot}). */
  private static final String CONNECT = "[A-Za-z0-9.\\[\\]:_-]+:\\d{1,5}(,[A-Za-z0-9.\\[\\]:_-]+:\\d{1,5})*";

  /** Validates the section; the message starts with {@code fleet} and names the setting. */
  public static Optional<FleetSettings> from(Raw r) {
    if (r == null) {
      return Optional.empty();
    }
    if (r.connect() == null || !r.connect().matches(CONNECT)) {
      throw new IllegalArgumentException("fleet.connect must be host:port[,host:port…], not '" + r.connect() + "'");
    }
    String chroot = r.chroot() == null ? "/medic/v1" : r.chroot();
    if (!chroot.matches("(/[A-Za-z0-9._-]+)+")) {
      throw new IllegalArgumentException("fleet.chroot must be an absolute path such as /medic/v1, not '" + chroot
          + "'");
    }
    Duration session = r.sessionTimeout() == null ? Duration.ofSeconds(30) : Values.duration(r.sessionTimeout());
    if (session.toMillis() < 1000 || session.toMinutes() > 10) {
      throw new IllegalArgumentException("fleet.sessionTimeout must be between 1s and 10m");
    }
    Duration connect = r.connectTimeout() == null ? Duration.ofSeconds(10) : Values.duration(r.connectTimeout());
    String host = r.host() == null ? localHostName() : r.host();
    if (!FleetGuard.name(host)) {
      throw new IllegalArgumentException("fleet.host must be letters, digits, '.', '_' or '-', not '" + host + "'");
    }
    Map<String, String> groups = new TreeMap<>(r.groups() == null ? Map.of() : r.groups());
    groups.forEach((k, v) -> {
      if (!FleetGuard.name(k) || v == null || !FleetGuard.name(v)) {
        throw new IllegalArgumentException("fleet.groups: '" + k + ": " + v + "' must be a name: a value");
      }
    });
    return Optional.of(new FleetSettings(r.connect(), chroot, session, connect, host, groups, limits(r.limits()),
        Set.copyOf(r.durableActions() == null ? List.of("reboot") : r.durableActions()),
        Set.copyOf(r.criticalUnits() == null ? List.of() : r.criticalUnits())));
  }

  /** One host of a group at a time and no hourly share, unless the config says otherwise. */
  private static FleetLimits limits(RawLimits l) {
    if (l == null) {
      return new FleetLimits("host", 1, Optional.empty());
    }
    String group = l.group() == null ? "host" : l.group();
    if (!FleetGuard.name(group)) {
      throw new IllegalArgumentException("fleet.limits.group must be a group key, not '" + group + "'");
    }
    int hosts = l.maxHosts() == null ? 1 : FleetGuard.hosts(l.maxHosts()).orElseThrow(() ->
        new IllegalArgumentException("fleet.limits.maxHosts must be a whole number from 1 to 9999"));
    Optional<Double> share = l.maxSharePerHour() == null ? Optional.empty()
        : Optional.of(FleetGuard.share(l.maxSharePerHour()).orElseThrow(() -> new IllegalArgumentException(
            "fleet.limits.maxSharePerHour must be above 0% and at most 100%, not '" + l.maxSharePerHour() + "'")));
    return new FleetLimits(group, hosts, share);
  }

  /** This host's groups plus {@code host: <name>}, so a limit may count within the host alone. */
  public Map<String, String> groupsWithHost() {
    Map<String, String> all = new TreeMap<>(groups);
    all.putIfAbsent("host", host);
    return all;
  }

  /** Whether this action holds a durable permit: it takes the host or the agent down. */
  public boolean durable(String action, Map<String, String> params) {
    return durableActions.contains(action)
        || action.equals("restart_unit") && criticalUnits.contains(params.getOrDefault("unit", ""));
  }

  private static String localHostName() {
    try {
      String name = java.net.InetAddress.getLocalHost().getHostName();
      int dot = name.indexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("fleet.host is not set and this host's name is unknown: set fleet.host");
    }
  }
}
