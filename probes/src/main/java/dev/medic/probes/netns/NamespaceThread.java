package dev.medic.probes.netns;

import com.sun.jna.LastErrorException;
import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One daemon thread that entered a network namespace with {@code setns(CLONE_NEWNET)} once, at start, and then runs
 * the tasks submitted to it, one at a time, in order. Whatever a task does follows that namespace:
 * {@code /proc/sys/net} files, new sockets (netlink sock_diag, a test's server socket), {@code /proc/thread-self/net}.
 *
 * <p>Why a thread of its own: {@code setns} changes only the calling thread, and a thread that has entered a namespace
 * must never run anything else. So this is not a pool: the thread is never replaced (a task that throws fails its
 * future, not the thread), and it is never a Vert.x event loop (blocking on it from one is refused by {@link #call}).
 * Close it explicitly: the thread ends after the tasks already queued.
 *
 * <p>For the namespace Medic already runs in no {@code setns} is done, so the host's thread works without
 * CAP_SYS_ADMIN.
 */
public final class NamespaceThread implements AutoCloseable {

  private static final Runnable STOP = () -> {};

  private final NetNamespace namespace;
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final CompletableFuture<Integer> entered = new CompletableFuture<>();
  private volatile boolean closed;

  private NamespaceThread(NetNamespace namespace) {
    this.namespace = namespace;
    this.thread = new Thread(this::loop, "medic-netns-" + namespace.id());
    this.thread.setDaemon(true);
  }

  /**
   * Starts a thread in {@code namespace} and waits until it is in it.
   *
   * @throws IOException when the namespace file cannot be opened or {@code setns} fails (EPERM without
   *     CAP_SYS_ADMIN), with errno in the message; no thread is left behind
   */
  public static NamespaceThread enter(NetNamespace namespace) throws IOException {
    NamespaceThread t = new NamespaceThread(namespace);
    t.thread.start();
    try {
      t.entered.get(10, TimeUnit.SECONDS);
      return t;
    } catch (ExecutionException e) {
      t.close();
      throw new IOException("cannot enter " + namespace + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      t.close();
      throw new IOException("cannot enter " + namespace + ": the thread did not start in 10 s", e);
    } catch (InterruptedException e) {
      t.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted entering " + namespace, e);
    }
  }

  public NetNamespace namespace() {
    return namespace;
  }

  /**
   * The namespace anchored on this thread's own task ({@code <jvm pid>/task/<tid>}) when it has no other anchor, so
   * {@code /proc/<anchor>/net/*} works for a namespace no process is in.
   */
  public NetNamespace anchored() {
    if (namespace.pid() != null) {
      return namespace;
    }
    return namespace.withAnchor(ProcessHandle.current().pid() + "/task/" + entered.join());
  }

  /**
   * Runs {@code task} on the namespace's thread; the future completes with its result or what it threw. Called from
   * the namespace's own thread (a task that submits more), the task runs at once, inline, instead of waiting
   * behind the task that is waiting for it.
   */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (Thread.currentThread() == thread) {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
      return result;
    }
    if (closed) {
      result.completeExceptionally(new RejectedExecutionException(thread.getName() + " is closed"));
      return result;
    }
    queue.add(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result;
  }

  /**
   * Runs {@code task} on the namespace's thread and waits at most {@code timeoutMillis} for it. Refused on a Vert.x
   * event-loop thread, which must never block.
   *
   * @throws IOException what the task threw (an IOException as is, anything else wrapped), or a timeout
   */
  public <T> T call(Callable<T> task, long timeoutMillis) throws IOException {
    if (Thread.currentThread().getName().startsWith("vert.x-eventloop")) {
      throw new IllegalStateException("a namespace read must not block a Vert.x event loop");
    }
    try {
      return submit(task).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
    } catch (TimeoutException e) {
      throw new IOException(thread.getName() + ": no answer in " + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + thread.getName(), e);
    }
  }

  /** Whether the thread is still running tasks. */
  public boolean isAlive() {
    return thread.isAlive() && !closed;
  }

  /** Stops taking tasks; the thread ends after the ones already queued. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      queue.add(STOP);
    }
  }

  private void loop() {
    try {
      enterNamespace();
      entered.complete(LibC.get().gettid());
    } catch (Throwable t) {
      entered.completeExceptionally(t);
      return;
    }
    while (true) {
      Runnable next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        continue; // only close() ends this thread: an interrupt must not leave queued futures hanging
      }
      if (next == STOP) {
        runQueued();
        return;
      }
      next.run();
    }
  }

  private void runQueued() {
    for (Runnable r; (r = queue.poll()) != null; ) {
      r.run(); // tasks queued before close() still run; submit() refuses new ones
    }
  }

  private void enterNamespace() throws IOException {
    // the calling thread's own namespace is in the live procfs whatever HostRoot the namespace came from
    if (NetNamespace.inode(namespace.file()) == NetNamespace.inode(HostRoot.live().proc("thread-self/ns/net"))) {
      return;
    }
    LibC libc = LibC.get();
    int fd;
    try {
      fd = libc.open(namespace.file().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("open " + namespace.file() + ": " + LibC.describe(e), e);
    }
    try {
      libc.setns(fd, LibC.CLONE_NEWNET);
    } catch (LastErrorException e) {
      throw new IOException("setns " + namespace.file() + ": " + LibC.describe(e), e);
    } finally {
      libc.close(fd);
    }
  }
}
