package dev.medic.agent.reaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process capture on a live process of this test's own (a sleeper, listed in a fixture cgroup.procs with a
 * pid that does not exist): the live one is chosen, its four files copied from the real /proc.
 */
class TopProcessEvidenceTest {

  @Test
  void cgroupProcsIsOnePidALine() throws Exception {
    assertEquals(List.of(12, 345), TopProcessEvidence.parseProcs("12\n345\n"));
    assertEquals(List.of(), TopProcessEvidence.parseProcs(""));
    assertThrows(KernelFormatException.class, () -> TopProcessEvidence.parseProcs("12\nx\n"));
  }

  @Test
  void capturesTheLargestLiveProcessOfTheScope(@TempDir Path tmp) throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      Path cgroup = Files.createDirectories(tmp.resolve("cg"));
      Files.writeString(cgroup.resolve("cgroup.procs"), "999999999\n" + sleeper.pid() + "\n");
      TopProcessEvidence.Captured c = new TopProcessEvidence(HostRoot.live())
          .capture(cgroup, tmp.resolve("evidence")).orElseThrow();
      assertEquals(sleeper.pid(), c.pid());
      assertEquals("sleep", c.comm());
      assertEquals(List.of("identity.txt", "status.txt", "smaps_rollup.txt", "maps.txt"),
          c.files().stream().map(p -> p.getFileName().toString()).toList());
      assertTrue(Files.readString(c.files().get(0)).contains("cmdline sleep 30"));
      assertTrue(Files.readString(c.files().get(2)).contains("Rss:"));
      assertTrue(Files.readString(c.files().get(3)).contains("sleep"));
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void anEmptyScopeHasNoEvidence(@TempDir Path tmp) throws Exception {
    Path cgroup = Files.createDirectories(tmp.resolve("cg"));
    Files.writeString(cgroup.resolve("cgroup.procs"), "");
    assertTrue(new TopProcessEvidence(HostRoot.live()).capture(cgroup, tmp.resolve("e")).isEmpty());
  }
}
