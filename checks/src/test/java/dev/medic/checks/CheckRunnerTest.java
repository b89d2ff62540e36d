package dev.medic.checks;

import static dev.medic.checks.Checks.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.CheckSample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner: intervals, the watchdog, the bounded queue, and never blocking the caller. */
class CheckRunnerTest {

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void runsOnIntervalsAndDrainsStampedWithTheSweep() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<CheckSpec> specs = List.of(
          Checks.spec("name: up\nkind: tcp\nhost: 127.0.0.1\nport: " + listener.getLocalPort()
              + "\ninterval: 200ms\ntimeout: 100ms"),
          Checks.spec("name: down\nkind: tcp\nhost: 127.0.0.1\nport: " + closedPort()
              + "\ninterval: 200ms\ntimeout: 100ms"));
      try (CheckRunner runner = new CheckRunner(specs, Namespaces.HOST_ONLY)) {
        long before = System.nanoTime();
        runner.start();
        assertTrue(runner.drain(1).size() <= 2);
        assertTrue((System.nanoTime() - before) / 1e6 < 100, "start and drain do not wait for checks");
        Thread.sleep(1100);
        List<CheckSample> out = runner.drain(42);
        assertTrue(out.stream().allMatch(s -> s.timestamp() == 42));
        List<CheckSample> up = out.stream().filter(s -> s.name().equals("up")).toList();
        List<CheckSample> down = out.stream().filter(s -> s.name().equals("down")).toList();
        assertTrue(up.size() >= 4 && down.size() >= 4, out::toString);
        assertTrue(up.stream().allMatch(CheckSample::ok), up::toString);
        down.forEach(s -> failed(s, "connect_refused", "connect"));
        List<Integer> counts = down.stream().map(CheckSample::consecutiveFailures).toList();
        for (int i = 0; i < counts.size(); i++) {
          assertEquals(counts.get(0) + i, counts.get(i), "consecutive failures count up: " + counts);
        }
        assertTrue(up.stream().allMatch(s -> s.consecutiveFailures() == 0));
      }
    }
  }

  @Test
  void aHungCheckIsCutAtItsTimeout(@TempDir Path dir) throws Exception {
    // a "ping" that hangs and ignores everything: only the watchdog ends it (it kills the process)
    Path hang = dir.resolve("ping");
    Files.writeString(hang, "#!/bin/sh\nexec sleep 30\n");
    Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
    CheckRegistry registry = CheckRegistry.builtin(HostRoot.live(), hang.toString());
    CheckSpec spec = Checks.spec("name: hang\nkind: icmp\nhost: 127.0.0.1\ntimeout: 500ms\ninterval: 5s", registry);
    try (CheckRunner runner = new CheckRunner(List.of(spec), registry, Namespaces.HOST_ONLY, 1, 10)) {
      long t0 = System.nanoTime();
      CheckSample s = runner.runOnce(spec).get(0);
      double waited = (System.nanoTime() - t0) / 1e6;
      failed(s, "icmp_no_reply", "echo");
      assertTrue(s.totalMs() >= 480 && s.totalMs() < 900, s::toString);
      assertTrue(waited < 1200, "runOnce waited " + waited + " ms");
      assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("")
          .endsWith("sleep")), "the hung child was killed");
    }
  }

  @Test
  void theQueueIsBoundedAndDropsAreCounted() throws Exception {
    int port = closedPort();
    List<CheckSpec> specs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      specs.add(Checks.spec("name: c" + i + "\nkind: tcp\nhost: 127.0.0.1\nport: " + port
          + "\ninterval: 100ms\ntimeout: 50ms"));
    }
    try (CheckRunner runner = new CheckRunner(specs, CheckRegistry.builtin(), Namespaces.HOST_ONLY, 2, 3)) {
      runner.start();
      Thread.sleep(700);
      List<CheckSample> out = runner.drain(7);
      assertEquals(3, out.size());
      assertTrue(runner.dropped() > 0, "dropped " + runner.dropped());
    }
  }

  @Test
  void aBusyNamespaceThreadDoesNotEatTheNextChecksTimeout() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor(); // stands for a namespace's single thread
    Namespaces namespaces = new Namespaces() {
      @Override
      public Executor executor(String netns) {
        return "host".equals(netns) ? null : one;
      }

      @Override
      public String id(String netns) {
        return "net:[42]";
      }
    };
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CheckRunner runner = new CheckRunner(List.of(), CheckRegistry.builtin(), namespaces, 2, 10)) {
      CheckSpec slow = Checks.spec("name: slow\nkind: http\nurl: http://127.0.0.1:" + silent.getLocalPort()
          + "/\ntimeout: 500ms\nnetns: lab");
      CheckSpec quick = Checks.spec("name: quick\nkind: tcp\nhost: 127.0.0.1\nport: " + silent.getLocalPort()
          + "\ntimeout: 300ms\nnetns: lab");
      CompletableFuture<List<CheckSample>> first = CompletableFuture.supplyAsync(() -> runner.runOnce(slow));
      Thread.sleep(50);
      CheckSample second = runner.runOnce(quick).get(0); // queued behind the slow one on the same thread
      assertEquals(true, second.ok(), "waited for the thread, then had its own 300 ms: " + second);
      assertEquals("net:[42]", second.netns());
      failed(first.get().get(0), "first_byte_timeout", "firstByte");
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void aNamespaceThatCannotBeEnteredIsAFact() {
    CheckSpec spec = Checks.spec("name: far\nkind: tcp\nhost: 127.0.0.1\nport: 1\nnetns: medic-no-such-ns");
    try (CheckRunner runner = new CheckRunner(List.of(), Namespaces.HOST_ONLY)) {
      CheckSample s = runner.runOnce(spec).get(0);
      assertEquals("netns_unavailable", s.error(), s::toString);
      assertEquals("medic-no-such-ns", s.netns());
    }
  }
}
