package dev.medic.engine.runbook;

import dev.medic.engine.language.binding.TargetBinding;
import dev.medic.engine.language.binding.Targets;
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
 * @param rules {@code when} in disjunctive normal form: one Drools rule each, named {@code <id>#<index>}
 * @param target the runbook's binding, or empty for each rule's default ({@link Targets#defaultFor})
 * @param steps read-only diagnostic captures, run in every mode
 * @param remediate actions that change the host; proposed only in advise mode
 * @param mode a per-runbook mode override ({@code advise} keeps a runbook advisory on an enforce host)
 * @param schedule a Quartz cron expression (UTC) at whose times a {@code schedule} fact for this runbook joins the
 *     sweep; empty for a runbook driven by samples only
 */
public record Runbook(
    String id,
    String title,
    Severity severity,
    boolean enabled,
    List<String> tags,
    Condition when,
    List<Conjunction> rules,
    Optional<TargetBinding> target,
    List<ActionStep> steps,
    List<ActionStep> remediate,
    Guards guards,
    Optional<String> mode,
    String summary,
    String advice,
    Position position,
    Optional<String> schedule) {

  /** A runbook without a schedule. */
  public Runbook(String id, String title, Severity severity, boolean enabled, List<String> tags, Condition when,
      List<Conjunction> rules, Optional<TargetBinding> target, List<ActionStep> steps, List<ActionStep> remediate,
      Guards guards, Optional<String> mode, String summary, String advice, Position position) {
    this(id, title, severity, enabled, tags, when, rules, target, steps, remediate, guards, mode, summary, advice,
        position, Optional.empty());
  }

  /** The Drools rule name for rule {@code index}: {@code <id>#<index>}. */
  public String ruleName(int index) {
    return id + "#" + index;
  }

  /** The binding rule {@code index} uses. */
  public TargetBinding targetOf(int index) {
    return target.orElseGet(() -> Targets.defaultFor(rules.get(index).primary().fact()));
  }
}
