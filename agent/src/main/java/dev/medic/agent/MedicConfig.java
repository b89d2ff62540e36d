package dev.medic.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.medic.agent.service.ServiceSettings;
import com.fasterxml.jackson.databind.JsonNode;
import dev.medic.agent.api.ApiSettings;
import dev.medic.agent.notify.NotifySettings;
import dev.medic.agent.notify.OnCallSettings;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.gate.Mode;
import dev.medic.probes.internal.DidYouMean;
import dev.medic.engine.runbook.StrictYaml;
import dev.medic.engine.runbook.Values;
import dev.medic.fleet.FleetSettings;
import dev.medic.probes.ProbeRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Medic's settings, from {@code medic.yaml}. Every setting has a safe default: advisory mode, an unapproved host,
 * sshd protected. Relative paths in the file are relative to the file's folder.
 *
 * @param mode advise (default) or enforce
 * @param approved whether an operator approved this host for enforce
 * @param interval how often probes sweep
 * @param runbooks runbook files and folders
 * @param stateDir journal and evidence live here
 * @param hostRoot where /proc and /sys are (/ on a live host)
 * @param topProcesses how many of the largest processes get PSS/USS read each sweep
 * @param actionTimeout how long one action may run
 * @param protectComms process names never changed: the defaults (sshd, systemd, init, medic) plus the config's;
 *     pid 1, kernel threads and Medic itself (by pid) are always protected
 * @param protectPids pids never changed
 * @param processInterval how often the process table is read (a multiple of {@code interval}; the host files are
 *     read every {@code interval}); rules about processes fire on those sweeps
 * @param probes probes switched on or off by name ({@code probes: {edac: false}}; see {@link ProbeRegistry}); a
 *     probe not named is on
 * @param service heartbeat, journal rotation and evidence retention ({@code heartbeat}, {@code journal},
 *     {@code evidence}; see {@link ServiceSettings})
 * @param checks the outside checks ({@code checks:}, see docs/checks.md); none by default
 * @param fleet {@code fleet:}: the coordinator and this host's groups and limits ({@link FleetSettings}); absent,
 *     Medic works alone
 * @param api the HTTP API and approvals ({@link ApiSettings}); off when the file has no {@code api:} section
 * @param onCall who is notified of plans ({@code notify:}) and the maintenance windows that suspend enforce
 *     ({@code maintenance:})
 */
public record MedicConfig(
    Mode mode,
    boolean approved,
    Duration interval,
    List<Path> runbooks,
    Path stateDir,
    Path hostRoot,
    int topProcesses,
    Duration actionTimeout,
    Set<String> protectComms,
    Set<Integer> protectPids,
    Duration processInterval,
    Map<String, Boolean> probes,
    ServiceSettings service,
    CheckSettings checks,
    Optional<FleetSettings> fleet,
    ApiSettings api,
    OnCallSettings onCall) {

  /** The service settings' defaults, no checks, alone (no fleet), no API, nobody notified. */
  public MedicConfig(Mode mode, boolean approved, Duration interval, List<Path> runbooks, Path stateDir,
      Path hostRoot, int topProcesses, Duration actionTimeout, Set<String> protectComms, Set<Integer> protectPids,
      Duration processInterval, Map<String, Boolean> probes) {
    this(mode, approved, interval, runbooks, stateDir, hostRoot, topProcesses, actionTimeout, protectComms,
        protectPids, processInterval, probes, ServiceSettings.DEFAULTS, CheckSettings.NONE, Optional.empty(), ApiSettings.OFF,
        OnCallSettings.NONE);
  }

  /** Every probe on. */
  public MedicConfig(Mode mode, boolean approved, Duration interval, List<Path> runbooks, Path stateDir,
      Path hostRoot, int topProcesses, Duration actionTimeout, Set<String> protectComms, Set<Integer> protectPids,
      Duration processInterval) {
    this(mode, approved, interval, runbooks, stateDir, hostRoot, topProcesses, actionTimeout, protectComms,
        protectPids, processInterval, Map.of());
  }

  /** Every sweep reads the process table. */
  public MedicConfig(Mode mode, boolean approved, Duration interval, List<Path> runbooks, Path stateDir,
      Path hostRoot, int topProcesses, Duration actionTimeout, Set<String> protectComms, Set<Integer> protectPids) {
    this(mode, approved, interval, runbooks, stateDir, hostRoot, topProcesses, actionTimeout, protectComms,
        protectPids, interval);
  }

  /** How many sweeps apart the process table is read: processInterval / interval, at least 1. */
  public int processEvery() {
    return (int) Math.max(1, processInterval.toMillis() / interval.toMillis());
  }

  public static final Set<String> DEFAULT_PROTECTED = GateSettings.DEFAULT_PROTECTED;

  /** What the gates need of these settings: the engine's share of the config. */
  public GateSettings gates() {
    return new GateSettings(mode, approved, protectComms, protectPids, onCall.maintenance());
  }

  /** The file's shape; unknown keys are errors, so a misspelt setting is not silently ignored. */
  record Raw(
      String mode,
      Boolean approved,
      String interval,
      List<String> runbooks,
      @JsonProperty("stateDir") String stateDir,
      @JsonProperty("hostRoot") String hostRoot,
      @JsonProperty("topProcesses") Integer topProcesses,
      @JsonProperty("actionTimeout") String actionTimeout,
      Protect protect,
      @JsonProperty("processInterval") String processInterval,
      Map<String, Boolean> probes,
      String heartbeat,
      ServiceSettings.RawJournal journal,
      ServiceSettings.RawEvidence evidence,
      JsonNode checks,
      FleetSettings.Raw fleet,
      ApiSettings.Raw api,
      @JsonProperty("notify") NotifySettings.Raw notifications,
      List<OnCallSettings.RawWindow> maintenance) {}

  record Protect(List<String> comms, List<Integer> pids) {}

  /** Loads a config file; the error names the file, line and column of the problem. */
  public static MedicConfig load(Path file) throws ConfigException {
    Raw raw;
    try {
      raw = StrictYaml.bind(file, Raw.class); // strict: bounded, no duplicate keys, booleans only true or false
    } catch (StrictYaml.Invalid e) {
      throw new ConfigException(e.getMessage());
    }
    if (raw == null) {
      raw = new Raw(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
    if (raw.runbooks() == null) { // a config that lost its runbooks would run none and say nothing
      throw new ConfigException(file + ":1:1: missing 'runbooks': list the runbook files and folders to run");
    }
    Path base = file.toAbsolutePath().getParent();
    CheckSettings checks = CheckSettings.load(file, raw.checks());
    try {
      return fromRaw(raw, base).withChecks(checks);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(StrictYaml.locate(file, e.getMessage()).toString());
    }
  }

  /** Defaults for everything, runbooks from the given paths. */
  public static MedicConfig defaults(List<Path> runbooks) {
    return fromRaw(new Raw(null, null, null, runbooks.stream().map(Path::toString).toList(), null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null), Path.of("."));
  }

  private static MedicConfig fromRaw(Raw r, Path base) {
    Duration interval = r.interval() == null ? Duration.ofSeconds(2) : Values.duration(r.interval());
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException("interval must be at least 100ms");
    }
    int top = r.topProcesses() == null ? 10 : r.topProcesses();
    if (top < 1 || top > 100_000) {
      throw new IllegalArgumentException("topProcesses must be between 1 and 100000");
    }
    return new MedicConfig(
        r.mode() == null ? Mode.ADVISE : Mode.parse(r.mode()),
        r.approved() != null && r.approved(),
        interval,
        r.runbooks() == null ? List.of() : r.runbooks().stream().map(p -> base.resolve(p).normalize()).toList(),
        r.stateDir() == null ? defaultStateDir() : base.resolve(r.stateDir()).normalize(),
        r.hostRoot() == null ? Path.of("/") : base.resolve(r.hostRoot()).normalize(),
        top,
        r.actionTimeout() == null ? Duration.ofSeconds(10) : Values.duration(r.actionTimeout()),
        protectedComms(r.protect()),
        r.protect() == null || r.protect().pids() == null ? Set.of() : Set.copyOf(r.protect().pids()),
        processInterval(r.processInterval(), interval),
        probes(r.probes()),
        ServiceSettings.of(r.heartbeat(), r.journal(), r.evidence()),
        CheckSettings.NONE, // the checks need the file for their positions: load() adds them
        FleetSettings.from(r.fleet()),
        ApiSettings.parse(r.api(), base),
        r.notifications() == null && r.maintenance() == null ? OnCallSettings.NONE
            : OnCallSettings.parse(r.notifications(), r.maintenance(), dev.medic.agent.notify.HostName.get()));

  }

  /** {@code probes: {edac: false}}: every name must be a probe of {@link ProbeRegistry}, every value true or false. */
  private static Map<String, Boolean> probes(Map<String, Boolean> switches) {
    if (switches == null) {
      return Map.of();
    }
    ProbeRegistry.unknown(switches).ifPresent(name -> {
      throw new IllegalArgumentException("probes: unknown probe '" + name + "'"
          + DidYouMean.hint(name, ProbeRegistry.names()) + "; known: " + String.join(", ", ProbeRegistry.names()));
    });
    switches.forEach((name, on) -> {
      if (on == null) {
        throw new IllegalArgumentException("probes: " + name + " must be true or false");
      }
    });
    return Map.copyOf(switches);
  }

  /** 10 s by default (never shorter than the sweep interval): the process table is most of a sweep's cost. */
  private static Duration processInterval(String text, Duration interval) {
    Duration d = text == null ? Duration.ofSeconds(10) : Values.duration(text);
    if (text != null && d.compareTo(interval) < 0) {
      throw new IllegalArgumentException("processInterval (" + text + ") cannot be shorter than interval");
    }
    return d.compareTo(interval) < 0 ? interval : d;
  }

  /** The configured names are added to the defaults: a config can protect more, never unprotect sshd. */
  private static Set<String> protectedComms(Protect p) {
    Set<String> names = new java.util.TreeSet<>(DEFAULT_PROTECTED);
    if (p != null && p.comms() != null) {
      names.addAll(p.comms());
    }
    return Set.copyOf(names);
  }

  /** /var/lib/medic for root; otherwise the XDG state folder, so a user can try Medic without sudo. */
  static Path defaultStateDir() {
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/lib/medic");
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("medic");
  }

  public MedicConfig withStateDir(Path dir) {
    return new MedicConfig(mode, approved, interval, runbooks, dir, hostRoot, topProcesses, actionTimeout,
        protectComms, protectPids, processInterval, probes, service, checks, fleet, api, onCall);
  }

  public MedicConfig withRunbooks(List<Path> paths) {
    return new MedicConfig(mode, approved, interval, List.copyOf(paths), stateDir, hostRoot, topProcesses,
        actionTimeout, protectComms, protectPids, processInterval, probes, service, checks, fleet, api, onCall);
  }

  public MedicConfig withMode(Mode newMode) {
    return new MedicConfig(newMode, approved, interval, runbooks, stateDir, hostRoot, topProcesses, actionTimeout,
        protectComms, protectPids, processInterval, probes, service, checks, fleet, api, onCall);
  }

  public MedicConfig withInterval(Duration newInterval) {
    return new MedicConfig(mode, approved, newInterval, runbooks, stateDir, hostRoot, topProcesses, actionTimeout,
        protectComms, protectPids, processInterval.compareTo(newInterval) < 0 ? newInterval : processInterval,
        probes, service, checks, fleet, api, onCall);
  }

  public MedicConfig withChecks(CheckSettings newChecks) {
    return new MedicConfig(mode, approved, interval, runbooks, stateDir, hostRoot, topProcesses, actionTimeout,
        protectComms, protectPids, processInterval, probes, service, newChecks, fleet, api, onCall);
  }

  public MedicConfig withApi(ApiSettings newApi) {
    return new MedicConfig(mode, approved, interval, runbooks, stateDir, hostRoot, topProcesses, actionTimeout,
        protectComms, protectPids, processInterval, probes, service, checks, fleet, newApi, onCall);
  }

  /** A config file that cannot be used; the message is complete and meant for the operator. */
  public static final class ConfigException extends Exception {
    public ConfigException(String message) {
      super(message);
    }
  }
}
