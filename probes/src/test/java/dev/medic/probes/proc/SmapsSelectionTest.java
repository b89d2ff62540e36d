package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.probes.proc.SmapsSelection.Candidate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link SmapsSelection}. */
class SmapsSelectionTest {

  private static final List<Candidate> PROCESSES = List.of(
      new Candidate(1, 10, "/init.scope"),
      new Candidate(10, 500, "/user.slice/user-1000.slice/session-3.scope"),
      new Candidate(20, 400, "/pod/a/container"),
      new Candidate(21, 300, "/pod/a/container"),
      new Candidate(30, 50, "/pod/b"),
      new Candidate(31, 60, "/pod/b/sidecar"),
      new Candidate(40, 500, "/other"));

  @Test
  void topNByRssTiesByPid() {
    assertEquals(Set.of(10, 40), SmapsSelection.select(PROCESSES, 2, Set.of()));
    assertEquals(Set.of(10, 40, 20), SmapsSelection.select(PROCESSES, 3, Set.of()));
    assertEquals(Set.of(), SmapsSelection.select(PROCESSES, 0, Set.of()));
    assertEquals(7, SmapsSelection.select(PROCESSES, 100, Set.of()).size());
  }

  @Test
  void largestProcessOfEachLimitedCgroupIncludingDescendants() {
    // top 1 is pid 10 (tie with 40 at 500, lower pid first); /pod/b's largest is its sidecar in a child cgroup
    assertEquals(Set.of(10, 20, 31), SmapsSelection.select(PROCESSES, 1, Set.of("/pod/a", "/pod/b")));
    assertEquals(Set.of(20), SmapsSelection.select(PROCESSES, 0, Set.of("/pod")));
    assertEquals(Set.of(31), SmapsSelection.select(PROCESSES, 0, Set.of("/pod/b/sidecar", "/nonexistent")));
    assertEquals(Set.of(10), SmapsSelection.select(PROCESSES, 0, Set.of("/")));
    // a limited cgroup whose largest process is already in the top N adds nothing
    assertEquals(Set.of(10, 40), SmapsSelection.select(PROCESSES, 2, Set.of("/other")));
  }
}
