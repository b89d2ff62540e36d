package dev.medic.checks;

import java.util.List;

/**
 * One kind of check: what one attempt does, phase by phase, recording into its {@link Attempt} and failing by
 * throwing {@link Attempt#fail}. A check never retries and never sleeps; the runner bounds it in time.
 */
interface Check {

  /**
   * The targets one run of the spec fans out to, each its own attempt and fact ({@code name@target}); the single
   * empty target by default. A DNS check without a nameserver asks each one of the resolver's.
   */
  default List<String> targets(CheckSpec spec) {
    return List.of("");
  }

  void run(CheckSpec spec, String target, Attempt attempt) throws InterruptedException;
}
