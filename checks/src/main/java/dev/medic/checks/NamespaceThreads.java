package dev.medic.checks;

import dev.medic.probes.HostRoot;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks' namespaces on {@link NamespaceThread}s: one thread per configured {@code netns}, entered on first use
 * and kept (a thread that did {@code setns} must never run anything else, so it is not a pool thread). A thread
 * that died is entered again on the next use. {@code host} runs on the caller's thread.
 */
public final class NamespaceThreads implements Namespaces, AutoCloseable {

  private static final Pattern PID_FILE = Pattern.compile("/proc/([1-9][0-9]*)/ns/net");

  private final HostRoot root;
  private final Map<String, NamespaceThread> threads = new ConcurrentHashMap<>();

  public NamespaceThreads(HostRoot root) {
    this.root = root;
  }

  @Override
  public Executor executor(String netns) throws IOException {
    if (CheckSpec.HOST_NETNS.equals(netns)) {
      return null;
    }
    NamespaceThread thread = thread(netns);
    return task -> thread.submit(() -> {
      task.run();
      return null;
    });
  }

  @Override
  public String id(String netns) {
    NamespaceThread t = threads.get(netns);
    return t == null ? netns : t.namespace().id();
  }

  private synchronized NamespaceThread thread(String netns) throws IOException {
    NamespaceThread t = threads.get(netns);
    if (t != null && t.isAlive()) {
      return t;
    }
    t = NamespaceThread.enter(namespace(root, netns));
    threads.put(netns, t);
    return t;
  }

  /** The namespace a check's {@code netns} names: host, {@code /proc/<pid>/ns/net} or an {@code ip netns} name. */
  public static NetNamespace namespace(HostRoot root, String netns) throws IOException {
    if (CheckSpec.HOST_NETNS.equals(netns)) {
      return NetNamespace.host(root);
    }
    Matcher m = PID_FILE.matcher(netns);
    return m.matches() ? NetNamespace.ofPid(root, Long.parseLong(m.group(1))) : NetNamespace.named(root, netns);
  }

  @Override
  public void close() {
    threads.values().forEach(NamespaceThread::close);
    threads.clear();
  }
}
