package dev.medic.probes.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@link NamespaceThread} and {@link NetNamespace} against real namespaces this test makes. */
@EnabledOnOs(OS.LINUX)
class NamespaceThreadTest {

  private static final HostRoot LIVE = HostRoot.live();

  @Test
  void hostIsTheNamespaceOfPidOneAndMedicIsInIt() throws IOException {
    NetNamespace host = NetNamespace.host(LIVE);
    assertTrue(host.isHost());
    assertEquals("host", host.id());
    assertEquals(host, NetNamespace.ofPid(LIVE, ProcessHandle.current().pid()));
    String link = Files.readSymbolicLink(LIVE.proc("self/ns/net")).toString();
    assertEquals("net:[" + host.inode() + "]", link);
  }

  @Test
  void theHostThreadNeedsNoSetnsAndRunsTasksInOrder() throws Exception {
    try (NamespaceThread t = NamespaceThread.enter(NetNamespace.host(LIVE))) {
      assertEquals(KernelFiles.read(LIVE.proc("sys/net/core/somaxconn")),
          t.call(() -> KernelFiles.read(LIVE.proc("sys/net/core/somaxconn")), 5_000));
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> t.submit(() -> { throw new IllegalStateException("boom"); }).get());
      assertEquals("boom", failed.getCause().getMessage());
      assertEquals(2, t.submit(() -> 2).get(), "a task that threw does not end the thread");
      t.close();
      assertFalse(t.isAlive());
      assertThrows(ExecutionException.class, () -> t.submit(() -> 3).get());
    }
  }

  @Test
  void aFileThatIsNotANamespaceIsRefusedWithErrno(@TempDir Path tmp) throws IOException {
    Path notNs = Files.writeString(tmp.resolve("net"), "x");
    Files.createDirectories(tmp.resolve("proc/42/ns"));
    Files.copy(notNs, tmp.resolve("proc/42/ns/net"));
    Files.createDirectories(tmp.resolve("proc/self/ns"));
    Files.writeString(tmp.resolve("proc/self/ns/net"), "other");
    NetNamespace fake = NetNamespace.ofPid(new HostRoot(tmp), 42);
    IOException e = assertThrows(IOException.class, () -> NamespaceThread.enter(fake));
    assertTrue(e.getMessage().contains("setns") && e.getMessage().contains("errno"), e.getMessage());
  }

  private static String tables(String pid) throws IOException {
    return KernelFiles.read(LIVE.procNet(pid, "tcp")) + KernelFiles.read(LIVE.procNet(pid, "tcp6"));
  }

  @Test
  void aNameWithASlashIsRefused() {
    assertThrows(IOException.class, () -> NetNamespace.named(LIVE, "../etc"));
  }

  @Test
  @Tag("lab")
  void sysctlsAndSocketsFollowTheThreadsNamespace() throws Exception {
    try (LabNamespace lab = LabNamespace.create()) {
      lab.exec("sysctl", "-w", "net.core.somaxconn=77");
      NetNamespace ns = lab.namespace();
      assertFalse(ns.isHost());
      assertEquals("net:[" + ns.inode() + "]", ns.id());
      assertEquals(ns, NetNamespace.ofPid(LIVE, lab.anchorPid()));
      Path somaxconn = LIVE.proc("sys/net/core/somaxconn");
      String hostValue = KernelFiles.read(somaxconn).trim();
      try (NamespaceThread t = NamespaceThread.enter(ns)) {
        assertEquals("77", t.call(() -> KernelFiles.read(somaxconn).trim(), 5_000));
        assertNotEquals("77", hostValue);
        assertEquals(hostValue, KernelFiles.read(somaxconn).trim(), "the caller's thread stays on the host");

        ServerSocket server = t.call(() -> new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), 5_000);
        try (server) {
          // the JDK's sockets are dual-stack: a 127.0.0.1 listener is an AF_INET6 row (::ffff:127.0.0.1) in tcp6
          String row = String.format(Locale.ROOT, "(?s).*:%04X 0+:0000 0A .*", server.getLocalPort());
          NetNamespace anchored = t.anchored();
          assertTrue(tables(anchored.pid()).matches(row), "the listener is in the namespace's tcp tables");
          assertFalse(tables("self").matches(row), "and not in the host's");
          assertTrue(NetNamespace.ofPid(LIVE, ProcessHandle.current().pid()).isHost(), "the JVM stays on the host");
        }
      }
    }
  }
}
