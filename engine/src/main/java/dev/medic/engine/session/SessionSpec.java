package dev.medic.engine.session;

import java.util.List;

/**
 * What a session must do beside running the DRL, as the compiler worked it out from the runbooks: the trends,
 * sustained conditions and increases to derive, and which samples to let into the rules.
 */
public record SessionSpec(List<DerivedFacts.TrendSpec> trends, List<DerivedFacts.SustainedSpec> sustained,
    List<DerivedFacts.IncreaseSpec> increases, Admission admission) {

  /** Nothing derived, everything admitted: for DRL written by hand. */
  public static SessionSpec none() {
    return new SessionSpec(List.of(), List.of(), List.of(), Admission.everything());
  }

  /** The same, with every sample admitted: the reference a filtered session must agree with. */
  public SessionSpec admittingEverything() {
    return new SessionSpec(trends, sustained, increases, Admission.everything());
  }
}
