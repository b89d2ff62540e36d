package dev.medic.engine.language.binding;

import dev.medic.engine.language.RuleText;
import dev.medic.engine.session.Match;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.ProcessSample;

/**
 * {@code oom_victim}: the process an OOM kill killed. It is gone, so the rule binds nothing and the plan's target is
 * built from the kill record (captures that need it alive report it gone; logs still work). The default for rules
 * about an OOM kill.
 */
public final class OomVictim implements TargetBinding {

  public static final String KEYWORD = "oom_victim";

  @Override
  public String keyword() {
    return KEYWORD;
  }

  @Override
  public boolean fits(String primaryFact) {
    return primaryFact.equals(OomKill.TYPE);
  }

  @Override
  public boolean isDefaultFor(String primaryFact) {
    return fits(primaryFact);
  }

  @Override
  public boolean write(RuleText rule) {
    return false;
  }

  /** The process as far as the kernel's record tells. */
  @Override
  public ProcessSample target(Match match) {
    OomKill k = (OomKill) match.primary();
    long rss = nz(k.anonRss()) + nz(k.fileRss()) + nz(k.shmemRss());
    return new ProcessSample(k.timestamp(), k.pid(), 0, k.comm(), "", k.uid() == null ? -1 : k.uid(), "X", rss, null,
        k.taskCgroup(), null, k.oomScoreAdj(), null, null, false);
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }
}
