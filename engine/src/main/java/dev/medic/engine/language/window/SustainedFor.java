package dev.medic.engine.language.window;

import dev.medic.engine.language.Evidence;
import dev.medic.engine.language.Wording;
import dev.medic.engine.runbook.SchemaKeys;
import dev.medic.engine.runbook.WindowKeys;
import dev.medic.engine.session.DerivedFacts;
import dev.medic.engine.session.FactTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code for: 2m}: every sample of the entity in the last {@code duration} satisfies {@code where}, and the window
 * is covered (a sample at least that old exists). The engine tracks when the condition last failed per entity
 * ({@code DerivedFacts}) and the rule joins its verdict, a {@code Sustained} fact, so no old samples are kept.
 */
public record SustainedFor(Duration duration) implements Window {

  public static final WindowSyntax SYNTAX = new WindowSyntax() {
    @Override
    public List<String> keywords() {
      return List.of("for");
    }

    @Override
    public Optional<Window> read(WindowKeys keys) {
      return keys.duration("for").map(SustainedFor::new);
    }

    @Override
    public void schema(SchemaKeys keys) {
      keys.duration("for");
    }
  };

  @Override
  public void write(MatchWriter rule) {
    rule.factPattern(List.of(), List.of(), null, null);
    String spec = rule.spec();
    rule.sustained(new DerivedFacts.SustainedSpec(spec, rule.match().fact(),
        FactTest.of(rule.type(), rule.match().where(), List.of()), duration.toMillis()));
    rule.line("Sustained( spec == \"" + spec + "\", key == " + rule.entity() + " )");
    rule.binds("null");
  }

  @Override
  public String reason(Evidence matched) {
    return matched.subject() + " for " + Wording.duration(duration);
  }
}
