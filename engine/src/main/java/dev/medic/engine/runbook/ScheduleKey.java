package dev.medic.engine.runbook;

import dev.medic.engine.schedule.Cron;
import dev.medic.probes.facts.ScheduleTick;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The runbook's {@code schedule:} key: a Quartz cron expression, checked here, and the rules' {@code schedule}
 * conditions tied to this runbook's own ticks ({@code runbook == "<id>"} is added to each), so two scheduled
 * runbooks never fire on each other's times. A schedule without a condition on its ticks, or such a condition
 * without a schedule, is a problem: either would never do what its author meant.
 */
final class ScheduleKey {

  private ScheduleKey() {}

  static Optional<String> read(YamlTree yaml, Map<String, NodeTuple> map, Node root, List<Conjunction> rules) {
    NodeTuple t = map.get("schedule");
    boolean ticks = rules.stream().anyMatch(r -> uses(r));
    if (t == null) {
      rules.stream().flatMap(r -> r.positive().stream()).filter(m -> m.fact().equals(ScheduleTick.TYPE)).findFirst()
          .ifPresent(m -> yaml.problem(m.position(), "a condition on 'schedule' needs the runbook's 'schedule:' "
              + "(a cron expression such as \"0 0 3 * * ?\")"));
      return Optional.empty();
    }
    Optional<String> text = yaml.scalar(t.getValueNode(), "schedule");
    text.ifPresent(s -> {
      try {
        Cron.parse(s);
      } catch (IllegalArgumentException e) {
        yaml.problem(t.getValueNode(), e.getMessage());
      }
      if (!ticks) {
        yaml.problem(t.getValueNode(), "'schedule' needs a condition on its ticks in 'when' (fact: schedule)");
      }
    });
    return text;
  }

  /** The rules with {@code runbook == "<id>"} on every positive {@code schedule} match. */
  static List<Conjunction> own(String id, List<Conjunction> rules) {
    List<Conjunction> out = new ArrayList<>();
    for (Conjunction r : rules) {
      List<Match> positive = r.positive().stream().map(m -> !m.fact().equals(ScheduleTick.TYPE) ? m
          : new Match(m.fact(), with(m.where(), new Comparison("runbook", Operator.EQ, id, id, m.position())),
              m.window(), m.alias(), m.position())).toList();
      out.add(new Conjunction(positive, r.negative()));
    }
    return List.copyOf(out);
  }

  private static boolean uses(Conjunction r) {
    return r.positive().stream().anyMatch(m -> m.fact().equals(ScheduleTick.TYPE));
  }

  private static List<Comparison> with(List<Comparison> where, Comparison extra) {
    List<Comparison> all = new ArrayList<>(where);
    all.add(0, extra);
    return List.copyOf(all);
  }
}
