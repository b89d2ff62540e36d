package dev.medic.engine.runbook;

import java.util.List;
import java.util.stream.Collectors;

/** Runbooks that cannot be used, with every problem found (not just the first). */
public final class RunbookException extends Exception {

  private final List<Problem> problems;

  public RunbookException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
