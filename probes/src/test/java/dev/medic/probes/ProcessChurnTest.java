package dev.medic.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.text.Printable;
import dev.medic.probes.text.Redaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live: sweeping while processes appear and vanish, and processes whose names are built to confuse a parser.
 * Only this JVM's own children are started, and each is killed by its handle.
 */
@EnabledOnOs(OS.LINUX)
class ProcessChurnTest {

  private static final long SELF = ProcessHandle.current().pid();
  private static final int CHILDREN = 500;
  private static final int PARALLEL = 10;
  private static final int SWEEPS = 50;

  private final List<Process> started = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process p : List.copyOf(started)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sweepsSurviveHundredsOfShortLivedChildren() throws Exception {
    Set<Long> childPids = ConcurrentHashMap.newKeySet();
    AtomicInteger spawned = new AtomicInteger();
    AtomicReference<Throwable> churnFailure = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread churner = new Thread(() -> {
      try {
        while (spawned.get() < CHILDREN && !stop.get()) {
          List<Process> batch = new ArrayList<>();
          for (int i = 0; i < PARALLEL; i++) {
            // half exit at once, half live 100 ms so that sweeps are sure to meet some of them
            int n = spawned.getAndIncrement();
            Process p = new ProcessBuilder(n % 2 == 0 ? List.of("true") : List.of("sleep", "0.1"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            started.add(p);
            childPids.add(p.pid());
            batch.add(p);
          }
          for (Process p : batch) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
              p.destroyForcibly().waitFor();
            }
            started.remove(p);
          }
        }
      } catch (Throwable t) {
        churnFailure.set(t);
      }
    }, "churn");
    churner.setDaemon(true);

    ProbeMetrics metrics = new ProbeMetrics();
    // topN this large reads smaps_rollup for every process; the second sweep takes the smapsForAll path, with two
    // reader threads, so processes also vanish between one reader's stat and the other's smaps_rollup
    ProbeSweep topN = new ProbeSweep(HostRoot.live(), new ProbeSettings(100_000, false), metrics);
    ProbeSweep all = new ProbeSweep(HostRoot.live(), new ProbeSettings(0, true, 1, 2), metrics);
    churner.start();
    int sweeps = 0;
    Set<Integer> seenChildren = ConcurrentHashMap.newKeySet();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try {
      sweeps = sweepUntilChurnEnds(topN, all, churner, childPids, seenChildren, deadline);
    } finally {
      stop.set(true); // a failed assertion must not leave the churner spawning into the next test
      churner.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertTrue(churnFailure.get() == null, "churn thread failed: " + churnFailure.get());
    assertTrue(spawned.get() >= CHILDREN, "only " + spawned.get() + " children started");
    assertTrue(sweeps >= SWEEPS, "only " + sweeps + " sweeps in the time limit");
    System.out.printf("churn: %d children, %d sweeps, %d children seen in a sweep, %s%n", spawned.get(), sweeps,
        seenChildren.size(), metrics);
    assertEquals(0, metrics.failedReads(), "a reader failed outright during churn: " + metrics);
    // a process that exits mid-read has vanished; counting it as a garbled record would hide real format errors
    assertEquals(0, metrics.skippedRecords(), "exiting processes counted as garbled records: " + metrics);
    assertTrue(!seenChildren.isEmpty(), "no sweep overlapped a child: the test did not exercise churn");
  }

  /** Sweeps, alternating the two settings, until the churner is done and at least SWEEPS sweeps ran. */
  private static int sweepUntilChurnEnds(ProbeSweep topN, ProbeSweep all, Thread churner, Set<Long> childPids,
      Set<Integer> seenChildren, long deadline) {
    int sweeps = 0;
    while ((sweeps < SWEEPS || churner.isAlive()) && System.nanoTime() < deadline) {
      long now = System.currentTimeMillis();
      List<Fact> facts = (sweeps % 2 == 0 ? topN : all).sweep(now);
      List<ProcessSample> processes =
          facts.stream().filter(ProcessSample.class::isInstance).map(ProcessSample.class::cast).toList();
      for (ProcessSample p : processes) {
        assertTrue(p.pid() > 0 && p.ppid() >= 0 && p.comm() != null && p.state() != null && p.rss() >= 0
            && (p.pss() == null || p.pss() >= 0) && (p.uss() == null || p.uss() >= 0) && p.timestamp() == now,
            "malformed sample in sweep " + sweeps + ": " + p);
        if (childPids.contains((long) p.pid()) && p.ppid() == SELF) {
          seenChildren.add(p.pid());
        }
      }
      assertTrue(processes.stream().anyMatch(p -> p.pid() == SELF && p.rss() > 0 && p.pss() != null),
          "sweep " + sweeps + " lacks this JVM (pid " + SELF + ") or its PSS");
      sweeps++;
    }
    return sweeps;
  }

  /**
   * comm is the first 15 bytes of the executable's file name, and a process picks that name: a copy of sleep
   * named like a stat line or a shell command must come back whole (control bytes escaped), with the right ppid
   * and state.
   */
  @Test
  void hostileNamesAreReportedVerbatim(@TempDir Path dir) throws Exception {
    Path sleep = Files.isRegularFile(Path.of("/bin/sleep")) ? Path.of("/bin/sleep") : Path.of("/usr/bin/sleep");
    Assumptions.assumeTrue(Files.isExecutable(sleep), "no sleep binary");
    List<String> names = List.of(
        "x) R 1 (y",                 // fake stat fields after a ')'
        "rm -rf ~; echo pwned",      // a shell command, longer than 15 bytes
        "a\nb) S 1 (c d",            // a newline and ')' ; 13 bytes
        ") Z 0 0 0 0 0 0 (");       // starts with ')'; the 15-byte cut drops its '('
    List<Process> hostile = new ArrayList<>();
    for (String name : names) {
      Path exe = dir.resolve(name);
      Files.copy(sleep, exe);
      assertTrue(exe.toFile().setExecutable(true));
      Process p = new ProcessBuilder(exe.toString(), "600").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      started.add(p);
      hostile.add(p);
    }
    ProbeSweep sweep = new ProbeSweep(HostRoot.live(), ProbeSettings.defaults());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Process p = hostile.get(i);
      String comm = first15Bytes(name);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Optional<ProcessSample> found = Optional.empty();
      // until the child has exec'd, its comm is the JVM's spawn helper
      while (System.nanoTime() < deadline && (found.isEmpty() || !found.get().comm().equals(comm))) {
        Assumptions.assumeTrue(p.isAlive(), "the copy of " + sleep + " did not run as '" + name
            + "' (a multi-call binary such as busybox dispatches on its name)");
        found = find(sweep.sweep(System.currentTimeMillis()), p.pid());
        Thread.sleep(found.isPresent() && found.get().comm().equals(comm) ? 0 : 20);
      }
      ProcessSample s = found.orElse(null);
      assertNotNull(s, "pid " + p.pid() + " (" + name + ") missing from the sweep; metrics " + sweep.metrics());
      // escaped at the source (docs/redaction.md): the same name, its control bytes as \n, \xNN
      assertEquals(Printable.line(comm), s.comm(), "comm of pid " + p.pid());
      assertEquals(SELF, s.ppid(), "ppid of " + escape(name));
      assertEquals("S", s.state(), "state of " + escape(name));
      assertEquals(Redaction.commandLine(dir.resolve(name) + " 600"), s.cmdline(), "cmdline of " + escape(name));
      assertTrue(s.rss() > 0, "rss of " + escape(name));
    }
    // skippedRecords is not asserted: other processes on a busy host may exit mid-read
    assertEquals(0, sweep.metrics().failedReads(), sweep.metrics().toString());
  }

  private static Optional<ProcessSample> find(List<Fact> facts, long pid) {
    return facts.stream().filter(f -> f instanceof ProcessSample p && p.pid() == pid).map(ProcessSample.class::cast)
        .findFirst();
  }

  /** The kernel's TASK_COMM_LEN is 16 bytes including the NUL. */
  private static String first15Bytes(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    return new String(Arrays.copyOf(bytes, Math.min(15, bytes.length)), StandardCharsets.UTF_8);
  }

  private static String escape(String name) {
    return "'" + name.replace("\n", "\\n") + "'";
  }
}
