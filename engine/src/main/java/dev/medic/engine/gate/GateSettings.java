package dev.medic.engine.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the gates need from the operator's settings: the mode, whether the host is approved for enforce, and what
 * is protected. The agent's config produces it; replays and runbook tests build it directly, so they decide as a
 * live run with the same settings would without depending on the agent.
 *
 * @param mode advise (the default) or enforce
 * @param approved whether an operator approved this host for enforce
 * @param protectComms process names never changed (the config adds its names to {@link #DEFAULT_PROTECTED})
 * @param protectPids pids never changed (pid 1, kernel threads and Medic itself are protected regardless)
 * @param maintenance windows during which enforce is suspended (plans become proposals naming the window)
 */
public record GateSettings(Mode mode, boolean approved, Set<String> protectComms, Set<Integer> protectPids,
    List<MaintenanceWindow> maintenance) {

  /** The names every Medic protects: a config can add to them, never remove one. */
  public static final Set<String> DEFAULT_PROTECTED = Set.of("sshd", "systemd", "init", "medic");

  public GateSettings {
    protectComms = Set.copyOf(protectComms);
    protectPids = Set.copyOf(protectPids);
    maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
  }

  /** No maintenance windows. */
  public GateSettings(Mode mode, boolean approved, Set<String> protectComms, Set<Integer> protectPids) {
    this(mode, approved, protectComms, protectPids, List.of());
  }

  /** Advise mode, an unapproved host, the default names protected. */
  public static GateSettings defaults() {
    return new GateSettings(Mode.ADVISE, false, DEFAULT_PROTECTED, Set.of());
  }

  /** The same protection, another mode and approval. */
  public GateSettings with(Mode newMode, boolean newApproved) {
    return new GateSettings(newMode, newApproved, protectComms, protectPids, maintenance);
  }

  /** The same settings with these maintenance windows. */
  public GateSettings withMaintenance(List<MaintenanceWindow> windows) {
    return new GateSettings(mode, approved, protectComms, protectPids, windows);
  }

  /** The standard gate order for these settings; {@code selfPid} is the Medic that decides (live or recorded). */
  public GatePipeline pipeline(int selfPid) {
    GatePipeline standard = GatePipeline.standard(mode, approved,
        new ProtectedTargetGate(protectComms, protectPids, selfPid));
    if (maintenance.isEmpty()) {
      return standard;
    }
    // after the mode gate (advise already proposes) and before approved host and approval: a window names itself
    List<Gate> gates = new ArrayList<>(standard.gates());
    gates.add(gates.indexOf(gates.stream().filter(g -> g instanceof ModeGate).findFirst().orElseThrow()) + 1,
        new MaintenanceGate(maintenance));
    return new GatePipeline(gates);
  }

  /**
   * The gates an approved action passes again when it is about to be carried out: every standard gate but the
   * approval itself and the rate limit (the approval book counts what approvals carried out).
   */
  public GatePipeline recheck(int selfPid) {
    return new GatePipeline(java.util.List.of(new ProtectedTargetGate(protectComms, protectPids, selfPid),
        new ModeGate(mode), new ApprovedHostGate(approved)));
  }
}
