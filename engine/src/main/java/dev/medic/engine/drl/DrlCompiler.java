package dev.medic.engine.drl;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.Trigger;
import dev.medic.engine.session.Fired;
import dev.medic.engine.session.MatchSink;
import dev.medic.probes.facts.ProcessSample;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns runbooks into DRL text for a Drools STREAM session. One rule per trigger, named
 * {@code <runbook id>#<trigger index>}. The output is deterministic (golden tests pin it) and no author text
 * reaches it unchecked: ids are restricted by the loader, fields come from the catalog, values are parsed numbers
 * or text that passed {@code Values.SAFE_TEXT}.
 *
 * <p>A trigger sustained for D becomes, for the newest sample of each entity:
 *
 * <pre>{@code
 * $fact : CgroupSample( $key : path, (usagePercent != null && usagePercent >= 90.0) )
 * not CgroupSample( path == $key, timestamp > $fact.timestamp )                  // newest sample
 * exists CgroupSample( path == $key, timestamp <= ($fact.timestamp - D) )         // window covered
 * not CgroupSample( path == $key, timestamp >= ($fact.timestamp - D),
 *                   (usagePercent == null || usagePercent < 90.0) )                // no miss in window
 * not Fired( rule == "r#0", key == $key, timestamp > ($fact.timestamp - cooldown) )
 * }</pre>
 */
public final class DrlCompiler {

  /** How long samples outlive the longest window that needs them; covers a late or skipped sweep. */
  static final Duration MARGIN = Duration.ofSeconds(60);

  /** A process belongs to a cgroup's scope when it is in that cgroup or any cgroup below it. */
  static final String IN_CGROUP = """
      function boolean inCgroup(String cgroup, String scope) {
        return cgroup.equals(scope) || scope.equals("/") || cgroup.startsWith(scope + "/");
      }

      """;

  public String compile(List<Runbook> runbooks) {
    StringBuilder out = new StringBuilder();
    out.append("package dev.medic.rules;\n\n");
    FactCatalog.all().values().forEach(t -> out.append("import ").append(t.recordClass().getName()).append(";\n"));
    out.append("import ").append(Fired.class.getName()).append(";\n\n");
    out.append("global ").append(MatchSink.class.getName()).append(" matches;\n\n");
    out.append(IN_CGROUP);
    declarations(runbooks, out);
    for (Runbook rb : runbooks) {
      if (!rb.enabled()) {
        continue;
      }
      for (int i = 0; i < rb.triggers().size(); i++) {
        rule(rb, i, out);
      }
    }
    return out.toString();
  }

  /** Each fact type is an event that expires once no window can still need it. */
  private void declarations(List<Runbook> runbooks, StringBuilder out) {
    Map<String, Duration> keep = new LinkedHashMap<>();
    FactCatalog.all().keySet().forEach(t -> keep.put(t, MARGIN));
    Duration cooldown = Duration.ofSeconds(1);
    for (Runbook rb : runbooks) {
      for (Trigger t : rb.triggers()) {
        keep.merge(t.fact(), t.sustained().plus(MARGIN), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
      cooldown = rb.cooldown().compareTo(cooldown) > 0 ? rb.cooldown() : cooldown;
    }
    keep.forEach((type, d) -> declare(FactCatalog.find(type).orElseThrow().simpleClassName(), d, out));
    declare(Fired.class.getSimpleName(), cooldown.plusSeconds(1), out);
  }

  private static void declare(String type, Duration expires, StringBuilder out) {
    out.append("declare ").append(type).append("\n  @role(event)\n  @timestamp(timestamp)\n  @expires(")
        .append(expires.toMillis()).append("ms)\nend\n\n");
  }

  private void rule(Runbook rb, int index, StringBuilder out) {
    Trigger t = rb.triggers().get(index);
    FactType type = FactCatalog.find(t.fact()).orElseThrow();
    String cls = type.simpleClassName();
    String name = rb.ruleName(index);
    String key = type.keyField().map(k -> "$key").orElse("\"host\"");
    String sameKey = type.keyField().map(k -> k + " == $key, ").orElse("");
    long window = t.sustained().toMillis();
    String holds = Conditions.all(type, t.where());

    out.append("rule \"").append(name).append("\"\nwhen\n");
    out.append("  $fact : ").append(cls).append("( ")
        .append(type.keyField().map(k -> "$key : " + k + (holds.isEmpty() ? "" : ", ")).orElse(""))
        .append(holds).append(" )\n");
    out.append("  not ").append(cls).append("( ").append(sameKey).append("timestamp > $fact.timestamp )\n");
    if (window > 0) {
      out.append("  exists ").append(cls).append("( ").append(sameKey)
          .append("timestamp <= ($fact.timestamp - ").append(window).append(") )\n");
      if (!t.where().isEmpty()) {
        out.append("  not ").append(cls).append("( ").append(sameKey)
            .append("timestamp >= ($fact.timestamp - ").append(window).append("), ")
            .append(Conditions.anyFails(type, t.where())).append(" )\n");
      }
    }
    String firedKey = type.keyField().map(k -> "String.valueOf($key)").orElse(key);
    out.append("  not Fired( rule == \"").append(name).append("\", key == ").append(firedKey)
        .append(", timestamp > ($fact.timestamp - ").append(rb.cooldown().toMillis()).append(") )\n");
    target(rb, type, out);
    out.append("then\n");
    out.append("  matches.add(drools.getRule().getName(), $fact, $target);\n");
    out.append("  insert(new Fired(drools.getRule().getName(), ").append(firedKey).append(", $fact.timestamp()));\n");
    out.append("end\n\n");
  }

  /**
   * Binds {@code $target}: the process the trigger is about, or the top process by the binding's rank in the
   * matched cgroup (including its children) or on the host, from the same sweep. Kernel threads never qualify.
   */
  private void target(Runbook rb, FactType type, StringBuilder out) {
    String cls = ProcessSample.class.getSimpleName();
    if (type.recordClass() == ProcessSample.class) {
      out.append("  $target : ").append(cls).append("( this == $fact )\n");
      return;
    }
    if (type.keyField().filter(k -> k.equals("pid")).isPresent()) { // about one process: that process, as sampled
      out.append("  $target : ").append(cls).append("( timestamp == $fact.timestamp, pid == $key )\n");
      return;
    }
    String rank = rb.target().rankField();
    String rankKnown = FactCatalog.find(ProcessSample.TYPE).orElseThrow().nullable().contains(rank)
        ? rank + " != null, " : "";
    String scope = type.keyField().filter(k -> k.equals("path"))
        .map(k -> "memoryCgroup != null, inCgroup(memoryCgroup, $key), ")
        .orElse("");
    String candidates = "timestamp == $fact.timestamp, kernelThread == false, " + rankKnown + scope;
    out.append("  $target : ").append(cls).append("( ").append(candidates).append("$rank : ").append(rank).append(" )\n");
    out.append("  not ").append(cls).append("( ").append(candidates)
        .append("(").append(rank).append(" > $rank || (").append(rank).append(" == $rank && pid < $target.pid)) )\n");
  }

  /** DRL for a single comparison, exposed for the golden and hostile-input tests. */
  public static String condition(FactType type, Comparison c) {
    return Conditions.one(type, c);
  }
}
