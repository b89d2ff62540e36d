package dev.medic.actions;

import dev.medic.probes.HostRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything an action needs for one run.
 *
 * @param pid the target process
 * @param host where the host's {@code /proc} is, to read and write (a fixture tree in tests): the same
 *     {@link HostRoot} the probes read, so actions see a process through the probes' own readers
 * @param params the runbook's parameters for this action, already validated by {@link Action#validate}
 * @param evidence where captured files go
 * @param timeout how long a command or a read may take before it is abandoned
 * @param expectedStart when the planned process started (epoch ms, as the probe computed it), so an action that
 *     changes a process can tell it from a later one that reused the pid; null when unknown
 */
public record ActionContext(
    int pid, HostRoot host, Map<String, String> params, EvidenceBundle evidence, Duration timeout,
    Long expectedStart) {

  /** A context without a start time to check against. */
  public ActionContext(int pid, HostRoot host, Map<String, String> params, EvidenceBundle evidence,
      Duration timeout) {
    this(pid, host, params, evidence, timeout, null);
  }

  /** {@code <host>/proc/<pid>/<name>}. */
  public Path procFile(String name) {
    return host.pid(pid).resolve(name);
  }
}
