package dev.medic.engine.language.window;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.language.Evidence;
import dev.medic.engine.language.Wording;
import dev.medic.engine.runbook.SchemaKeys;
import dev.medic.engine.runbook.WindowKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code count: 3} {@code within: 10m}: at least {@code count} matching samples or events in the window. Events
 * (OOM kills, kernel log records) are counted host-wide; samples per entity. The session keeps the samples for the
 * window, and the rule counts them with {@code accumulate}.
 */
public record CountWithin(int count, Duration within) implements Window {

  public static final WindowSyntax SYNTAX = new WindowSyntax() {
    @Override
    public List<String> keywords() {
      return List.of("count");
    }

    @Override
    public List<String> companions() {
      return List.of("within");
    }

    @Override
    public List<String> forms() {
      return List.of("count/within");
    }

    @Override
    public boolean onEvents() {
      return true;
    }

    @Override
    public Optional<Window> read(WindowKeys keys) {
      Optional<Integer> n = keys.integer("count", 1, 1_000_000);
      Optional<Duration> d = keys.has("within") ? keys.duration("within") : keys.missing("within");
      return n.flatMap(c -> d.map(w -> new CountWithin(c, w)));
    }

    @Override
    public void schema(SchemaKeys keys) {
      keys.count("count");
      keys.duration("within");
    }
  };

  @Override
  public boolean perEntity(String fact) {
    return !FactCatalog.isOccurrence(fact);
  }

  @Override
  public void write(MatchWriter rule) {
    String cls = rule.type().simpleClassName();
    String where = rule.constraints(rule.type(), rule.match().where());
    String v = "$v" + rule.index();
    if (rule.index() > 0) {
      // beside the primary ("an OOM kill within the last 10 minutes"), a count is a property of the window, not of
      // the current sweep: it binds only the count and no fact, so later conditions do not join it
      List<String> filter = new ArrayList<>();
      rule.correlation().ifPresent(filter::add);
      if (!where.isEmpty()) {
        filter.add(where);
      }
      filter.add("timestamp > ($now - " + within.toMillis() + ")");
      rule.line(v + " : Number( intValue >= " + count + " ) from accumulate( " + cls + "( "
          + String.join(", ", filter) + " ), count(1) )");
      rule.need();
      rule.bindsOnly(v);
      return;
    }
    rule.factPattern(List.of(), List.of(), null, null);
    String sameKey = rule.grouped() ? rule.type().keyField().orElseThrow() + " == " + rule.entity() + ", " : "";
    rule.line(v + " : Number( intValue >= " + count + " ) from accumulate( " + cls + "( " + sameKey
        + (where.isEmpty() ? "" : where + ", ") + "timestamp > ($f" + rule.index() + ".timestamp - "
        + within.toMillis() + ") ), count(1) )");
    rule.need();
    rule.binds(v);
  }

  @Override
  public Duration keeps() {
    return within;
  }

  @Override
  public String reason(Evidence matched) {
    String window = " within " + Wording.duration(within) + " (count >= " + count + ")";
    if (matched.fact() == null) { // a count beside the primary binds no fact
      return matched.value() + " " + matched.match().fact() + matched.comparisons() + window;
    }
    String where = matched.where();
    return matched.value() + " " + matched.fact().type() + (where.isEmpty() ? "" : " matching " + where) + window;
  }
}
