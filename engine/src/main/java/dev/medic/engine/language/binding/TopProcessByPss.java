package dev.medic.engine.language.binding;

/**
 * {@code top_process_by_pss}: the process with the largest PSS in the matched cgroup (or its OOM'd cgroup), or on
 * the host; where no candidate has PSS (it is read for the top candidates only), the largest by RSS. The default
 * for rules about anything but a process, its limits or an OOM kill.
 */
public final class TopProcessByPss extends TopProcess {

  public static final String KEYWORD = "top_process_by_pss";

  public TopProcessByPss() {
    super(KEYWORD, "pss");
  }
}
