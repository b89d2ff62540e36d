package dev.medic.engine.state;

/**
 * One host-changing action a runbook with {@code guards.requireApproval} planned and the approval gate held back:
 * it waits for a person to approve or deny it.
 *
 * @param ts the plan's sample time, epoch milliseconds (an approval's TTL counts from here)
 * @param incident the plan's incident id (its evidence folder has this name)
 * @param action the held-back action
 * @param scope what the trigger matched ({@code host}, {@code cgroup /a/b}, …)
 * @param reason the gate's reason
 */
public record PendingApproval(long ts, String incident, String runbook, String rule, int pid, String comm,
    String action, String scope, String summary, String reason) {

  /** The id an approval names: incident and action, so one approval approves exactly one action of one plan. */
  public String id() {
    return incident + "/" + action;
  }
}
