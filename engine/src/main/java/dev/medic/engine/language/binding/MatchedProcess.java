package dev.medic.engine.language.binding;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.language.RuleText;
import dev.medic.engine.session.FactTest;
import dev.medic.engine.session.FieldAccess;
import dev.medic.engine.session.KeySource;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.ProcessSample;
import java.util.List;

/**
 * {@code matched_process}: the process the primary condition is about, a {@code process} fact itself or the
 * process a {@code limits} fact names. The default for rules about those.
 */
public final class MatchedProcess implements TargetBinding {

  public static final String KEYWORD = "matched_process";

  @Override
  public String keyword() {
    return KEYWORD;
  }

  @Override
  public boolean fits(String primaryFact) {
    return primaryFact.equals(ProcessSample.TYPE) || primaryFact.equals(ProcessLimits.TYPE);
  }

  @Override
  public boolean isDefaultFor(String primaryFact) {
    return fits(primaryFact);
  }

  @Override
  public boolean write(RuleText rule) {
    String primary = rule.primary().fact();
    if (primary.equals(ProcessSample.TYPE)) {
      rule.line("$target : ProcessSample( this == $f0 )"); // already admitted as $f0
      return true;
    }
    rule.line("$target : ProcessSample( timestamp == $now, pid == $k0 )");
    FactType of = FactCatalog.find(primary).orElseThrow();
    String key = of.keyField().orElseThrow();
    String where = rule.constraints(of, rule.primary().where());
    rule.need(FactCatalog.find(ProcessSample.TYPE).orElseThrow(), List.of(), List.of(), KeySource.facts(primary,
        FactTest.of(of, rule.primary().where(), List.of()), FieldAccess.of(of.recordClass(), key)),
        "pid in " + of.simpleClassName() + "( " + (where.isEmpty() ? "all" : where) + " )." + key);
    return true;
  }
}
