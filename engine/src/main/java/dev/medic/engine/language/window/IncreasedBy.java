package dev.medic.engine.language.window;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.language.Evidence;
import dev.medic.engine.language.Wording;
import dev.medic.engine.runbook.SchemaKeys;
import dev.medic.engine.runbook.WindowKeys;
import dev.medic.engine.session.DerivedFacts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code increased: oomKills} ({@code by: 2}): the field grew by at least {@code by} since the entity's previous
 * sample. The engine compares each sample with the entity's previous one ({@code DerivedFacts}) and the rule joins
 * its verdict, an {@code Increase} fact that carries the previous sample.
 */
public record IncreasedBy(String field, double by) implements Window {

  /** The previous sample counts if it is at most this old: sweeps may be late, but not that late. */
  public static final Duration LOOKBACK = Duration.ofMinutes(5);

  public static final WindowSyntax SYNTAX = new WindowSyntax() {
    @Override
    public List<String> keywords() {
      return List.of("increased");
    }

    @Override
    public List<String> companions() {
      return List.of("by");
    }

    @Override
    public Optional<Window> read(WindowKeys keys) {
      Optional<String> name = keys.text("increased", "increased");
      if (name.isEmpty() || keys.numericField("increased", name.get()).isEmpty()) {
        return Optional.empty();
      }
      double by = 1;
      if (keys.has("by")) {
        Optional<Integer> n = keys.integer("by", 1, Integer.MAX_VALUE);
        if (n.isEmpty()) {
          return Optional.empty();
        }
        by = n.get();
      }
      return Optional.of(new IncreasedBy(name.get(), by));
    }

    @Override
    public void schema(SchemaKeys keys) {
      keys.text("increased", "a counter field that must have grown");
      keys.count("by");
    }

    @Override
    public void schema(FactType type, String fields, ObjectNode then) {
      SchemaKeys.enumOf(then.putObject("increased"), type.fields().keySet().stream().sorted().toList());
    }
  };

  @Override
  public void write(MatchWriter rule) {
    List<String> notNull = rule.type().nullable().contains(field) ? List.of(field) : List.of();
    rule.factPattern(List.of(), notNull, null, null);
    String spec = rule.spec();
    rule.increase(new DerivedFacts.IncreaseSpec(spec, rule.match().fact(), field, by, LOOKBACK.toMillis()));
    rule.line("$v" + rule.index() + " : Increase( spec == \"" + spec + "\", key == " + rule.entity() + " )");
    rule.binds("$v" + rule.index() + ".previous()");
  }

  @Override
  public String reason(Evidence matched) {
    String where = matched.where();
    return matched.fact().type() + "." + field + " rose from " + Wording.field(matched.value(), field) + " to "
        + Wording.field(matched.fact(), field) + (where.isEmpty() ? "" : "; " + where);
  }
}
