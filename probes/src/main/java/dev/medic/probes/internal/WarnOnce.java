package dev.medic.probes.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a warning the first time a key is seen and at debug level afterwards.
 *
 * <p>Probes run every few seconds: a host without PSI or with one odd file would otherwise repeat the same
 * warning forever and drown the engine's own log lines.
 */
public final class WarnOnce {

  private final Logger log;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  public WarnOnce(Logger log) {
    this.log = log;
  }

  /**
   * Logs {@code format} with slf4j placeholders; returns true when this was the first time for {@code key}.
   */
  public boolean warn(String key, String format, Object... args) {
    if (seen.add(key)) {
      log.warn(format, args);
      return true;
    }
    log.debug(format, args);
    return false;
  }
}
