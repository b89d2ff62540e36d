package dev.medic.cli.diagnose;

import java.util.List;

/**
 * One likely cause of what the check saw, with the facts that point at it and what to do; {@link Causes} ranks
 * them, most likely first.
 *
 * @param id a stable name for machines ({@code accept_queue_overflow}); the runbook pack uses the same words
 * @param title one line for the operator
 * @param evidence the outside and inside facts that point at it, one line each
 * @param action what to do next, one line
 */
public record Cause(String id, String title, List<String> evidence, String action) {

  public Cause {
    evidence = List.copyOf(evidence);
  }
}
