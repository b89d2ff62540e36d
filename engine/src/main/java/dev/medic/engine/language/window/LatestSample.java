package dev.medic.engine.language.window;

import dev.medic.engine.language.Evidence;
import dev.medic.engine.runbook.WindowKeys;
import java.util.List;
import java.util.Optional;

/**
 * No window: the newest sample of the entity (or an event of the current sweep) satisfies {@code where}. Inside
 * {@code not}: no such fact in the primary condition's sweep.
 */
public record LatestSample() implements Window {

  public static final WindowSyntax SYNTAX = new WindowSyntax() {
    @Override
    public List<String> keywords() {
      return List.of();
    }

    @Override
    public boolean onEvents() {
      return true;
    }

    @Override
    public Optional<Window> read(WindowKeys keys) {
      return Optional.of(new LatestSample());
    }
  };

  @Override
  public void write(MatchWriter rule) {
    rule.factPattern(List.of(), List.of(), null, null);
    rule.binds("null");
  }

  @Override
  public String absence() {
    return "timestamp == $now";
  }

  @Override
  public String absenceReason() {
    return "now";
  }

  @Override
  public String reason(Evidence matched) {
    return matched.subject();
  }
}
