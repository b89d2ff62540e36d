package dev.medic.engine.runbook;

import java.util.Arrays;
import java.util.Optional;

/** How a runbook names the process its steps act on, within the scope its trigger matched. */
public enum TargetBinding {
  /** The process with the largest PSS in the matched cgroup, or on the host for host-wide facts. */
  TOP_PROCESS_BY_PSS("top_process_by_pss", "pss"),
  /** The process with the largest RSS in the matched cgroup, or on the host for host-wide facts. */
  TOP_PROCESS_BY_RSS("top_process_by_rss", "rss");

  private final String keyword;
  private final String rankField;

  TargetBinding(String keyword, String rankField) {
    this.keyword = keyword;
    this.rankField = rankField;
  }

  public String keyword() {
    return keyword;
  }

  /** The {@code ProcessSample} field the processes are ranked by. */
  public String rankField() {
    return rankField;
  }

  public static Optional<TargetBinding> of(String keyword) {
    return Arrays.stream(values()).filter(b -> b.keyword.equals(keyword)).findFirst();
  }
}
