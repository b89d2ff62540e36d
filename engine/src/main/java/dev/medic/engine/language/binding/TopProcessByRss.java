package dev.medic.engine.language.binding;

/**
 * {@code top_process_by_rss}: the process with the largest RSS in the matched cgroup (or its OOM'd cgroup), or on
 * the host.
 */
public final class TopProcessByRss extends TopProcess {

  public static final String KEYWORD = "top_process_by_rss";

  public TopProcessByRss() {
    super(KEYWORD, "rss");
  }
}
