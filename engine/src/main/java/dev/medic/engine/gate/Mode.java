package dev.medic.engine.gate;

import java.util.Locale;

/** Whether Medic may change the host. */
public enum Mode {
  /** Diagnose and propose; change nothing. The default. */
  ADVISE,
  /** Carry out remediation that passes every gate, on approved hosts only. */
  ENFORCE;

  public static Mode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mode must be advise or enforce, not '" + text + "'");
    }
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
