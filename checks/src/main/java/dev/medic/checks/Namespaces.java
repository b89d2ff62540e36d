package dev.medic.checks;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Where a check runs, by its {@code netns}: null for the namespace Medic runs in (the check runs on the pool
 * thread), else an executor whose thread is in that namespace, since a socket, and a child process, belong to the
 * namespace of the thread that creates them.
 */
public interface Namespaces {

  /** Only the host namespace: any other {@code netns} fails its check with {@code netns_unavailable}. */
  Namespaces HOST_ONLY = netns -> {
    if (CheckSpec.HOST_NETNS.equals(netns)) {
      return null;
    }
    throw new IOException("network namespace '" + netns + "' is not available to checks here");
  };

  /** @throws IOException when the namespace cannot be entered (absent, or no CAP_SYS_ADMIN) */
  Executor executor(String netns) throws IOException;

  /**
   * The namespace's name in facts, once {@link #executor} found it: {@code host} or {@code net:[inode]}, so that a
   * check joins the inside facts of the same namespace; the configured value by default.
   */
  default String id(String netns) {
    return netns;
  }
}
