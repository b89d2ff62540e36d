package dev.medic.engine.runbook;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule's worth of a {@code when}: positive matches that must all hold and negated matches that must not. The
 * first positive match is the primary one: it names the entity (scope, cooldown key, target). Later matches
 * about a related fact are joined to it: a process in the primary cgroup, the limits of the primary process, an
 * OOM kill in the primary cgroup; unrelated facts are host-wide.
 */
public record Conjunction(List<Match> positive, List<Match> negative) {

  public Match primary() {
    return positive.get(0);
  }

  /** Disjunctive normal form of a condition: each conjunction becomes one rule. */
  public static List<Conjunction> of(Condition condition) {
    List<Conjunction> out = new ArrayList<>();
    for (List<Condition> literals : dnf(condition)) {
      List<Match> pos = new ArrayList<>();
      List<Match> neg = new ArrayList<>();
      for (Condition c : literals) {
        if (c instanceof Match m) {
          pos.add(m);
        } else {
          neg.add(((Condition.Not) c).match());
        }
      }
      out.add(new Conjunction(List.copyOf(pos), List.copyOf(neg)));
    }
    return out;
  }

  private static List<List<Condition>> dnf(Condition c) {
    if (c instanceof Condition.Any any) {
      List<List<Condition>> out = new ArrayList<>();
      any.items().forEach(i -> out.addAll(dnf(i)));
      return out;
    }
    if (c instanceof Condition.All all) {
      List<List<Condition>> out = List.of(List.of());
      for (Condition item : all.items()) {
        List<List<Condition>> next = new ArrayList<>();
        for (List<Condition> left : out) {
          for (List<Condition> right : dnf(item)) {
            List<Condition> joined = new ArrayList<>(left);
            joined.addAll(right);
            next.add(joined);
          }
        }
        out = next;
      }
      return out;
    }
    return List.of(List.of(c)); // a match or a not
  }
}
