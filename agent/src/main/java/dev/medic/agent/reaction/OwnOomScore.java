package dev.medic.agent.reaction;

import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Medic's own {@code oom_score_adj}: left at 0, an agent holding tens of MiB is among the first things the kernel
 * kills in a real squeeze, exactly when it is needed. Lowered at start to {@link #DEFAULT} (not -1000: a Medic that
 * leaks must still be killable); the systemd unit's {@code OOMScoreAdjust=} should say the same. The value is the
 * system property {@code medic.oomScoreAdj} when set (the launcher passes {@code MEDIC_OOM_SCORE_ADJ}).
 */
public final class OwnOomScore {

  public static final int DEFAULT = -900;
  static final String PROPERTY = "medic.oomScoreAdj";

  private OwnOomScore() {}

  /** The configured value: the property, or {@link #DEFAULT}. */
  public static int configured() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    return parse(value.strip(), "-D" + PROPERTY);
  }

  /** An {@code oom_score_adj} value, -1000..1000. */
  static int parse(String value, String what) {
    int adj;
    try {
      adj = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": expected an integer -1000..1000, got '" + value + "'");
    }
    if (adj < -1000 || adj > 1000) {
      throw new IllegalArgumentException(what + ": oom_score_adj is -1000..1000, not " + adj);
    }
    return adj;
  }

  /**
   * Writes {@code adj} to {@code <root>/proc/self/oom_score_adj} and returns what the kernel reads back.
   *
   * @throws IOException when not permitted (lowering needs CAP_SYS_RESOURCE)
   */
  public static int apply(HostRoot root, int adj) throws IOException {
    Path file = root.proc("self/oom_score_adj");
    Files.writeString(file, Integer.toString(adj));
    try {
      return (int) KernelFiles.parseSingleLong(KernelFiles.read(file), "oom_score_adj");
    } catch (KernelFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
