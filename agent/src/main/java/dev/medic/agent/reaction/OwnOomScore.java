package dev.medic.agent.reaction;

import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Medic's own {@code oom_score_adj}: left at 0, an agent holding tens of MiB is among the first things the kernel
 * kills in a real squeeze, exactly when it is needed. The agent lowers it at start to the system property
 * {@code medic.oomScoreAdj}, which the launcher sets for {@code run} and {@code record} to {@code
 * MEDIC_OOM_SCORE_ADJ}, default {@link #DEFAULT} (not -1000: a Medic that leaks must still be killable); the systemd
 * unit's {@code OOMScoreAdjust=} says the same. Without the property (an agent embedded in tests, whose children
 * would inherit the value) it is left alone.
 */
public final class OwnOomScore {

  public static final int DEFAULT = -900;
  static final String PROPERTY = "medic.oomScoreAdj";

  private OwnOomScore() {}

  /** The configured value, or empty when the property is not set. */
  public static OptionalInt configured() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(parse(value.strip(), "-D" + PROPERTY));
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
