package dev.medic.engine.runbook;

import java.util.Arrays;
import java.util.Optional;

/** How a runbook names the process its steps act on, within what its primary condition matched. */
public enum TargetBinding {
  /** The process with the largest PSS in the matched cgroup (or its OOM'd cgroup), or on the host. */
  TOP_PROCESS_BY_PSS("top_process_by_pss", "pss"),
  /** The process with the largest RSS in the matched cgroup (or its OOM'd cgroup), or on the host. */
  TOP_PROCESS_BY_RSS("top_process_by_rss", "rss"),
  /** The process the primary condition is about (a {@code process} or {@code limits} fact). */
  MATCHED_PROCESS("matched_process", null),
  /** The process an OOM kill killed (gone: captures that need it alive report it gone; logs still work). */
  OOM_VICTIM("oom_victim", null);

  private final String keyword;
  private final String rankField;

  TargetBinding(String keyword, String rankField) {
    this.keyword = keyword;
    this.rankField = rankField;
  }

  public String keyword() {
    return keyword;
  }

  /** The {@code ProcessSample} field the candidates are ranked by; null for bindings that name one process. */
  public String rankField() {
    return rankField;
  }

  public static Optional<TargetBinding> of(String keyword) {
    return Arrays.stream(values()).filter(b -> b.keyword.equals(keyword)).findFirst();
  }

  /** The binding a conjunction gets when the runbook names none: the process it is about, else the top by PSS. */
  public static TargetBinding defaultFor(String primaryFact) {
    return switch (primaryFact) {
      case "process", "limits" -> MATCHED_PROCESS;
      case "oom_kill" -> OOM_VICTIM;
      default -> TOP_PROCESS_BY_PSS;
    };
  }

  /** Whether this binding can name a process for a conjunction whose primary fact is of this type. */
  public boolean fits(String primaryFact) {
    return switch (this) {
      case MATCHED_PROCESS -> primaryFact.equals("process") || primaryFact.equals("limits");
      case OOM_VICTIM -> primaryFact.equals("oom_kill");
      default -> true;
    };
  }
}
