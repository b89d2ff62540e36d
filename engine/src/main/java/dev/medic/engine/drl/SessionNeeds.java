package dev.medic.engine.drl;

import dev.medic.engine.session.Admission;
import dev.medic.engine.session.DerivedFacts;
import dev.medic.engine.session.SessionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * What the rules being written need from the engine beside the DRL, collected pattern by pattern by
 * {@link RuleWriter}: which samples each pattern can match (the session admits only those), which trends it
 * compares with which threshold, and which sustained conditions and increases to track.
 */
final class SessionNeeds {

  private final List<Admission.Need> needs = new ArrayList<>();
  private final Set<DerivedFacts.TrendSpec> trends = new LinkedHashSet<>();
  private final Map<String, List<DoublePredicate>> trendTests = new LinkedHashMap<>();
  private final List<DerivedFacts.SustainedSpec> sustained = new ArrayList<>();
  private final List<DerivedFacts.IncreaseSpec> increases = new ArrayList<>();

  void need(Admission.Need need) {
    needs.add(need);
  }

  void trend(DerivedFacts.TrendSpec spec, DoublePredicate threshold) {
    trends.add(spec);
    trendTests.computeIfAbsent(spec.name(), k -> new ArrayList<>()).add(threshold);
  }

  void sustained(DerivedFacts.SustainedSpec spec) {
    sustained.add(spec);
  }

  void increase(DerivedFacts.IncreaseSpec spec) {
    increases.add(spec);
  }

  /** The needs of the patterns added since {@code from}, for the listing beside a rule. */
  List<Admission.Need> since(int from) {
    return needs.subList(from, needs.size());
  }

  int size() {
    return needs.size();
  }

  /**
   * The fact types some pattern reads. Every pattern states a need (a pattern without one never sees a sample), so a
   * type outside this set is never admitted and the DRL need not know it.
   */
  Set<String> types() {
    Set<String> types = new LinkedHashSet<>();
    needs.forEach(n -> types.add(n.type()));
    return types;
  }

  boolean derivesTrends() {
    return !trends.isEmpty();
  }

  boolean derivesSustained() {
    return !sustained.isEmpty();
  }

  boolean derivesIncreases() {
    return !increases.isEmpty();
  }

  SessionSpec spec() {
    return new SessionSpec(List.copyOf(trends), sustained, increases, Admission.of(needs, trendTests));
  }
}
