package dev.medic.engine.plan;

/**
 * What the gates decided for one action of one plan. Decisions are the replayable output of Medic: the same
 * recording gives the same decisions, in the same order.
 *
 * @param gate the gate that decided ({@code all} when every gate let it through)
 */
public record Decision(
    long timestamp, String incident, String runbook, int pid, String comm, String action, Verdict verdict,
    String gate, String reason) {

  /** The three ways a gate pipeline can end. */
  public enum Verdict {
    /** Every gate passed: the executor runs it. */
    RUN,
    /** Advisory: recorded for a human, not run. */
    PROPOSED,
    /** Refused: it must not run on this target or host. */
    DENIED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
