package dev.medic.engine.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated runbook: the typed form of one YAML file. Nothing here refers to YAML, so the compiler and tests
 * can build runbooks directly.
 *
 * <pre>{@code
 * id: memory-hog
 * when:
 *   any:
 *     - fact: cgroup
 *       where: usagePercent >= 90%
 *       for: 1m
 * target: top_process_by_pss
 * steps: [capture_identity, capture_pmap]
 * remediate:
 *   - set_oom_score_adj: {value: 500}
 * guards: {cooldown: 10m}
 * }</pre>
 *
 * @param triggers the runbook matches when any one of them does
 * @param steps read-only diagnostic captures, run in every mode
 * @param remediate actions that change the host; proposed only in advise mode
 * @param cooldown after a plan for an entity, the same trigger stays quiet for that entity this long
 * @param mode a per-runbook mode override ({@code advise} keeps a runbook advisory on an enforce host)
 */
public record Runbook(
    String id,
    String title,
    Severity severity,
    boolean enabled,
    List<Trigger> triggers,
    TargetBinding target,
    List<ActionStep> steps,
    List<ActionStep> remediate,
    Duration cooldown,
    Optional<String> mode,
    String summary,
    String advice,
    Position position) {

  /** The Drools rule name for trigger {@code index}: {@code <id>#<index>}. */
  public String ruleName(int index) {
    return id + "#" + index;
  }
}
