package dev.medic.actions;

import java.util.List;

/**
 * What an action did.
 *
 * @param status how it ended
 * @param detail one line for the operator and the journal
 * @param evidence file names written into the evidence bundle, relative to it
 */
public record ActionResult(Status status, String detail, List<String> evidence) {

  public enum Status {
    /** It did what it was asked. */
    OK,
    /** It ran and failed (non-zero exit, write refused…). */
    FAILED,
    /** It did not finish within the timeout and was stopped. */
    TIMED_OUT,
    /** The target process no longer exists. */
    TARGET_GONE
  }

  public static ActionResult ok(String detail, List<String> evidence) {
    return new ActionResult(Status.OK, detail, List.copyOf(evidence));
  }

  public static ActionResult failed(String detail) {
    return new ActionResult(Status.FAILED, detail, List.of());
  }

  public static ActionResult gone(int pid) {
    return new ActionResult(Status.TARGET_GONE, "process " + pid + " is gone", List.of());
  }
}
