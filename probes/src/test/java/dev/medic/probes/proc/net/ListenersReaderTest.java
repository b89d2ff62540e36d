package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ListenerSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ListenersReader} and {@link SocketOwners} on a tree with real {@code socket:[inode]} links. */
class ListenersReaderTest {

  private static final long T = 1_700_000_000_000L;

  @Test
  void ownersFromFdLinksCachedAndTheLastOwnerRemembered(@TempDir Path tmp) throws Exception {
    Fixtures.write(tmp, "proc/self/ns/net", "");
    Fixtures.write(tmp, "proc/self/net/tcp", NetFixtures.net(NetFixtures.HOST, "tcp"));
    Fixtures.write(tmp, "proc/4242/comm", "nginx\n");
    Fixtures.write(tmp, "proc/4242/cgroup", "0::/system.slice/nginx.service\n");
    Files.createDirectories(tmp.resolve("proc/4242/fd"));
    Files.createSymbolicLink(tmp.resolve("proc/4242/fd/3"), Path.of("socket:[41685]"));
    Files.createSymbolicLink(tmp.resolve("proc/4242/fd/4"), Path.of("/dev/null"));
    HostRoot root = new HostRoot(tmp);
    ProbeMetrics metrics = new ProbeMetrics();
    SocketOwners owners = new SocketOwners(root, metrics);
    ListenersReader reader = new ListenersReader(root, metrics, owners);

    List<ListenerSample> first = reader.read(T, NetFixtures.hostOf(root), null);
    ListenerSample mine = first.stream().filter(l -> l.inode() == 41685).findFirst().orElseThrow();
    assertEquals("host 127.0.0.1:18082", mine.listen());
    assertEquals(4242, mine.pid());
    assertEquals("nginx", mine.comm());
    assertEquals("nginx.service", mine.unit());
    assertEquals(2, mine.acceptQueue());
    assertNull(mine.backlog(), "a fixture tree is read through /proc: no backlog");
    assertNull(first.stream().filter(l -> l.inode() == 1255).findFirst().orElseThrow().pid());
    assertEquals(1, owners.scans());

    reader.read(T + 10_000, NetFixtures.hostOf(root), null);
    assertEquals(1, owners.scans(), "known and unowned inodes do not scan again");

    Fixtures.write(tmp, "proc/self/net/tcp", NetFixtures.net(NetFixtures.HOST, "tcp").lines()
        .filter(l -> !l.contains(" 41685 ")).reduce("", (a, b) -> a + b + "\n"));
    List<ListenerSample> gone = reader.read(T + 20_000, NetFixtures.hostOf(root), null);
    assertTrue(gone.stream().noneMatch(l -> l.inode() == 41685));
    assertEquals(4242, reader.lastOwner("host 127.0.0.1:18082", T + 20_000).orElseThrow().pid());
    assertTrue(reader.lastOwner("host 127.0.0.1:18082", T + 10_000 + ListenersReader.LAST_OWNER_MILLIS + 1)
        .isEmpty(), "forgotten 10 minutes after it was last seen");
  }

  @Test
  void socketLinkTargets() {
    assertEquals(41685L, SocketOwners.parseSocketLink("socket:[41685]"));
    assertNull(SocketOwners.parseSocketLink("pipe:[41685]"));
    assertNull(SocketOwners.parseSocketLink("socket:[x]"));
  }
}
