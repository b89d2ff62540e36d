package dev.medic.simulator;

import dev.medic.engine.runbook.Echo;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader found wrong in a recording it could still read: lines it skipped (a timestamp going back, a line
 * repeated within its sweep, a fact type it does not know) and sweeps whose seal does not match. A replay of a
 * damaged recording is not a replay of what was recorded, so its result says so and {@code medic replay} and
 * {@code medic test} exit 1. Every problem is counted; the first {@value #SHOWN} are kept with their line numbers.
 */
public final class RecordingDamage {

  /** How many problems are kept to show; the rest are only counted. */
  public static final int SHOWN = 20;

  /** One problem: the line it is on (from 1, the header) and what is wrong. */
  public record Problem(long line, String what) {}

  private final String file;
  private final List<Problem> shown = new ArrayList<>();
  private long count;

  RecordingDamage(String file) {
    this.file = file;
  }

  void add(long line, String what) {
    count++;
    if (shown.size() < SHOWN) {
      shown.add(new Problem(line, Echo.line(what)));
    }
  }

  /** True when anything was found: the replay's decisions may differ from the recorded run's. */
  public boolean damaged() {
    return count > 0;
  }

  public long count() {
    return count;
  }

  /** The first {@value #SHOWN} problems. */
  public List<Problem> problems() {
    return List.copyOf(shown);
  }

  /**
   * One line per problem shown ({@code file:line: what}), then one saying how many more there were, then a
   * summary: what an operator reads.
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Problem p : shown) {
      out.add(Echo.bounded(file, 4096) + ":" + p.line() + ": " + p.what());
    }
    if (count > shown.size()) {
      out.add(Echo.bounded(file, 4096) + ": … and " + (count - shown.size()) + " more problem(s)");
    }
    if (count > 0) {
      out.add(Echo.bounded(file, 4096) + ": the recording is damaged (" + count + " problem(s)): the decisions above "
          + "may differ from what the recorded run decided");
    }
    return out;
  }
}
