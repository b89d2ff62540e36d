package dev.medic.engine.language.binding;

import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.language.RuleText;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Operator;
import dev.medic.engine.session.Admission;
import dev.medic.engine.session.FieldAccess;
import dev.medic.engine.session.FactTest;
import dev.medic.engine.session.KeySource;
import dev.medic.probes.facts.ProcessSample;
import java.util.List;

/**
 * What the {@code top_process_by_*} bindings share: the process of the primary condition's sweep with the largest
 * {@code rank} field, in the matched cgroup (or the OOM kill's cgroup), or on the host; ties go to the lower pid.
 */
abstract class TopProcess implements TargetBinding {

  /** Target candidates are never kernel threads. */
  private static final Comparison NOT_KERNEL_THREAD =
      new Comparison("kernelThread", Operator.EQ, Boolean.FALSE, "false", null);

  private final String keyword;
  private final String rank;

  TopProcess(String keyword, String rank) {
    this.keyword = keyword;
    this.rank = rank;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  /** The {@code ProcessSample} field the candidates are ranked by. */
  String rankField() {
    return rank;
  }

  @Override
  public boolean write(RuleText rule) {
    String scope = switch (rule.primary().fact()) {
      case "cgroup" -> "inScope(memoryCgroup, $k0), ";
      case "oom_kill" -> "inScope(memoryCgroup, $f0.oomCgroup), ";
      default -> "";
    };
    FactType process = FactCatalog.find(ProcessSample.TYPE).orElseThrow();
    String candidates = "timestamp == $now, kernelThread == false, " + scope;
    if (!process.nullable().contains(rank)) {
      rule.need(process, List.of(NOT_KERNEL_THREAD), List.of(), null, null);
      largest(candidates, rank, "$rank").forEach(rule::line);
      return true;
    }
    // PSS is read for the top candidates only and not at all on kernels without smaps_rollup or without ptrace
    // access: where no candidate in scope has it, the largest by RSS is the target rather than none
    rule.need(process, List.of(NOT_KERNEL_THREAD), List.of(rank), null, null);
    rule.need(new Admission.Need(process.name(), FactTest.of(process, List.of(NOT_KERNEL_THREAD), List.of()),
        KeySource.unranked(FieldAccess.of(process.recordClass(), rank)),
        "ProcessSample( kernelThread == false, in a scope where no candidate has " + rank + " )"));
    List<String> ranked = largest(candidates + rank + " != null, ", rank, "$rank");
    List<String> unranked = largest(candidates, "rss", "$rss");
    rule.line("(");
    rule.line("  ( " + ranked.get(0) + " and");
    rule.line("    " + ranked.get(1) + " )");
    rule.line("  or");
    rule.line("  ( not ProcessSample( " + candidates + rank + " != null ) and");
    rule.line("    " + unranked.get(0) + " and");
    rule.line("    " + unranked.get(1) + " )");
    rule.line(")");
    return true;
  }

  /** The two patterns that bind {@code $target} to the candidate with the largest {@code field}; ties: lower pid. */
  private static List<String> largest(String candidates, String field, String var) {
    return List.of("$target : ProcessSample( " + candidates + var + " : " + field + " )",
        "not ProcessSample( " + candidates + "(" + field + " > " + var + " || (" + field + " == " + var
            + " && pid < $target.pid)) )");
  }
}
