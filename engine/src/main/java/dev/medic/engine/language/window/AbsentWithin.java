package dev.medic.engine.language.window;

import dev.medic.engine.language.Evidence;
import dev.medic.engine.language.Wording;
import dev.medic.engine.runbook.SchemaKeys;
import dev.medic.engine.runbook.WindowKeys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code within: 10m} inside {@code not}: no matching sample or event in the last {@code duration} before the
 * primary condition's fact. The session keeps the samples for the window.
 */
public record AbsentWithin(Duration duration) implements Window {

  public static final WindowSyntax SYNTAX = new WindowSyntax() {
    @Override
    public List<String> keywords() {
      return List.of("within");
    }

    @Override
    public boolean onEvents() {
      return true;
    }

    @Override
    public Optional<String> insideNot() {
      return Optional.of("'within' (no sample in the window)");
    }

    @Override
    public Optional<Window> read(WindowKeys keys) {
      return keys.duration("within").map(AbsentWithin::new);
    }

    @Override
    public void schema(SchemaKeys keys) {
      keys.duration("within");
    }
  };

  @Override
  public void write(MatchWriter rule) {
    throw new IllegalStateException("'within' without 'count' is allowed only inside 'not'");
  }

  @Override
  public String absence() {
    return "timestamp > ($f0.timestamp - " + duration.toMillis() + ")";
  }

  @Override
  public String absenceReason() {
    return "within " + Wording.duration(duration);
  }

  @Override
  public Duration keeps() {
    return duration;
  }

  @Override
  public String reason(Evidence matched) {
    return matched.subject();
  }
}
